namespace PolicyTools;

/// <summary>
/// Every error id the module writes, one list: users' scripts match these, so a value never
/// changes (each constant is named as its value). about_PolicyTools lists every one under
/// ERROR IDS, and no ErrorRecord or <see cref="PolicyToolsException"/> is given an id that is
/// not here (ErrorIdTests).
/// </summary>
public static class ErrorIds
{
    // Bad input: a document that cannot be analysed (non-terminating; the pipeline goes on).
    public const string PolicyJsonInvalid = nameof(PolicyJsonInvalid);
    public const string PolicyNotAPolicy = nameof(PolicyNotAPolicy);
    public const string PolicyStatementMissing = nameof(PolicyStatementMissing);
    public const string PolicyStatementEmpty = nameof(PolicyStatementEmpty);
    public const string PolicyElementWrongType = nameof(PolicyElementWrongType);
    public const string PolicyElementMissing = nameof(PolicyElementMissing);
    public const string PolicyElementInvalid = nameof(PolicyElementInvalid);
    public const string PolicyDuplicateKey = nameof(PolicyDuplicateKey);
    public const string PolicyNestedTooDeeply = nameof(PolicyNestedTooDeeply);
    public const string PolicyUrlDecodingFailed = nameof(PolicyUrlDecodingFailed);
    public const string PolicyEncodingInvalid = nameof(PolicyEncodingInvalid);
    public const string PolicyInputEmpty = nameof(PolicyInputEmpty);
    public const string PolicyInputNotSupported = nameof(PolicyInputNotSupported);
    public const string PolicyDocumentMissing = nameof(PolicyDocumentMissing);

    // Policy files: -Path, -LiteralPath and files piped from Get-ChildItem.
    public const string PolicyFileNotFound = nameof(PolicyFileNotFound);
    public const string PolicyFileTooLarge = nameof(PolicyFileTooLarge);
    public const string PolicyFileUnreadable = nameof(PolicyFileUnreadable);
    public const string PolicyPathIsDirectory = nameof(PolicyPathIsDirectory);
    public const string PolicyPathInvalid = nameof(PolicyPathInvalid);
    public const string PolicyPathNotFileSystem = nameof(PolicyPathNotFileSystem);

    // Parameters that cannot go together, or name nothing.
    public const string TestEc2PolicyResourceSupportQuietWithPassThru = nameof(TestEc2PolicyResourceSupportQuietWithPassThru);
    public const string TestIamPolicyResourceSupportQuietWithPassThru = nameof(TestIamPolicyResourceSupportQuietWithPassThru);
    public const string ServiceNotInCapabilityMap = nameof(ServiceNotInCapabilityMap);
    public const string ServiceNotFound = nameof(ServiceNotFound);
    public const string ActionNotFound = nameof(ActionNotFound);

    // Repair -InPlace.
    public const string RepairInPlaceNotAFile = nameof(RepairInPlaceNotAFile);
    public const string RepairInPlaceNotAPolicyFile = nameof(RepairInPlaceNotAPolicyFile);
    public const string RepairFileChanged = nameof(RepairFileChanged);
    public const string RepairFileWriteFailed = nameof(RepairFileWriteFailed);

    // -CapabilityMapPath (terminating: no check runs on a map that cannot be used).
    public const string CapabilityMapPathInvalid = nameof(CapabilityMapPathInvalid);
    public const string CapabilityMapNotFound = nameof(CapabilityMapNotFound);
    public const string CapabilityMapUnreadable = nameof(CapabilityMapUnreadable);
    public const string CapabilityMapInvalid = nameof(CapabilityMapInvalid);

    // ConvertTo-Ec2CapabilityMap and ConvertTo-IamCapabilityMap.
    public const string ServiceReferencePathInvalid = nameof(ServiceReferencePathInvalid);
    public const string ServiceReferenceFileNotFound = nameof(ServiceReferenceFileNotFound);
    public const string ServiceReferencePathAmbiguous = nameof(ServiceReferencePathAmbiguous);
    public const string ServiceReferencePathIsDirectory = nameof(ServiceReferencePathIsDirectory);
    public const string ServiceReferenceUnreadable = nameof(ServiceReferenceUnreadable);
    public const string ServiceReferenceInvalid = nameof(ServiceReferenceInvalid);
    public const string CapabilityMapConversionInvalid = nameof(CapabilityMapConversionInvalid);
    public const string CapabilityMapOutFileInvalid = nameof(CapabilityMapOutFileInvalid);
    public const string CapabilityMapOutFileIsFile = nameof(CapabilityMapOutFileIsFile);
    public const string CapabilityMapOutFileIsDirectory = nameof(CapabilityMapOutFileIsDirectory);
    public const string CapabilityMapOutFileIsInput = nameof(CapabilityMapOutFileIsInput);
    public const string CapabilityMapOutFileFolderNotFound = nameof(CapabilityMapOutFileFolderNotFound);
    public const string CapabilityMapOutFileExists = nameof(CapabilityMapOutFileExists);
    public const string CapabilityMapWriteFailed = nameof(CapabilityMapWriteFailed);

    // ConvertTo-Ec2PolicySarif and ConvertTo-Ec2PolicyJUnit.
    public const string ReportInputNotSupported = nameof(ReportInputNotSupported);
    public const string ReportOutFileInvalid = nameof(ReportOutFileInvalid);
    public const string ReportOutFileIsDirectory = nameof(ReportOutFileIsDirectory);
    public const string ReportOutFileDirectoryNotFound = nameof(ReportOutFileDirectoryNotFound);
    public const string ReportOutFileWriteFailed = nameof(ReportOutFileWriteFailed);
}
