using System;
using System.Linq;
using PolicyTools.Analysis;
using PolicyTools.Policies;
using Xunit;

namespace PolicyTools.Tests.Policies;

/// <summary>Files that are not policy documents get an error that says what they are and what to do.</summary>
public sealed class ForeignDocumentTests
{
    private static PolicyParseException Fails(string text) =>
        Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(PolicyText.Decode(text)));

    [Fact]
    public void AYamlFileIsNamedAsSuchAndNotSentToMinusPath()
    {
        var ex = Fails("# policy\nVersion: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: ec2:DescribeVolumes\n    Resource: '*'\n");
        Assert.Equal(ErrorIds.PolicyNotAPolicy, ex.ErrorId);
        Assert.StartsWith("This is a YAML file, not an IAM policy document.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConvertTo-Json", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACloudFormationTemplateInYamlSaysHowToGetItsPolicies()
    {
        var ex = Fails("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n");
        Assert.Equal(ErrorIds.PolicyNotAPolicy, ex.ErrorId);
        Assert.StartsWith("This is a CloudFormation template in YAML, not an IAM policy document.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cfn-flip", ex.Message, StringComparison.Ordinal);
        Assert.Contains(".Properties.PolicyDocument", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACloudFormationTemplateInJsonSaysHowToGetItsPolicies()
    {
        var ex = Fails("{ \"Resources\": { \"P\": { \"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": { \"PolicyDocument\": {} } } } }");
        Assert.Equal(ErrorIds.PolicyNotAPolicy, ex.ErrorId);
        Assert.StartsWith("This is a CloudFormation template, not an IAM policy document.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(Get-Content template.json -Raw | ConvertFrom-Json).Resources.<Name>.Properties.PolicyDocument", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATerraformPlanSaysWhichValuesHoldThePolicies()
    {
        var ex = Fails("{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.0\",\"planned_values\":{\"root_module\":{\"resources\":[]}}}");
        Assert.Equal(ErrorIds.PolicyNotAPolicy, ex.ErrorId);
        Assert.StartsWith("This is a Terraform plan (terraform show -json), not an IAM policy document.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("terraform show -json plan.tfplan", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("./policies/admin.json", true)]
    [InlineData("C:\\policies\\admin.json", true)]
    [InlineData("hello there", false)]
    [InlineData("not a policy\nover two lines", false)]
    public void OnlyTextThatNamesAFileIsToldToUseMinusPath(string text, bool hint)
    {
        var ex = Fails(text);
        Assert.Equal(ErrorIds.PolicyJsonInvalid, ex.ErrorId);
        Assert.StartsWith("The text is neither JSON nor URL-encoded JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(hint, ex.Message.Contains("To read the file it names, use -Path.", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonWithoutStatementThatIsNeitherStillSaysSo()
    {
        var ex = Fails("{\"Version\":\"2012-10-17\"}");
        Assert.Equal(ErrorIds.PolicyStatementMissing, ex.ErrorId);
    }

    [Theory]
    [InlineData("{\n  // allow reads\n  \"Statement\": []\n}", 2)]
    [InlineData("{ \"Statement\": [ /* one */ ] }", 1)]
    [InlineData("{\n\"Statement\": [\n{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeVolumes\",\"Resource\":\"*\"} // trailing\n]}", 3)]
    public void CommentsAreNamedAsWhatIamDoesNotAccept(string json, int line)
    {
        var ex = Fails(json);
        Assert.Equal(ErrorIds.PolicyJsonInvalid, ex.ErrorId);
        Assert.Equal(line, ex.Line);
        Assert.Equal($"The policy has a comment, and IAM does not accept comments in a policy document: remove it (JSON has no comments). (line {line})", ex.Message);
    }

    [Fact]
    public void ANotActionStatementMissingManyTypesGetsOneShortSentenceAndEveryActionInActions()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"ec2:DescribeVolumes\",\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/*\"}]}";
        var finding = RepairTestSupport.Analyze(json).Single(f => f.Code == FindingCodes.RequiredResourceTypeMissing);
        Assert.True(finding.Actions.Count >= 10, finding.Actions.Count.ToString());
        Assert.True(finding.Message.Length < 400, finding.Message);
        Assert.Single(finding.Message.Split(new[] { ". " }, StringSplitOptions.None));
        Assert.DoesNotContain(";", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("so the call fails with UnauthorizedOperation.", finding.Message, StringComparison.Ordinal);
        // What each action lacks is in Details: every action once, with its missing types.
        Assert.True(finding.Details.Count > 2);
        Assert.Equal(finding.Actions.OrderBy(a => a, StringComparer.Ordinal),
            finding.Details.SelectMany(d => d.Substring(0, d.IndexOf(": no ", StringComparison.Ordinal)).Split(new[] { ", " }, StringSplitOptions.None)).OrderBy(a => a, StringComparer.Ordinal));
        Assert.Contains(finding.Details, d => d.StartsWith("ec2:AttachVolume", StringComparison.Ordinal) || d.Contains(", ec2:AttachVolume", StringComparison.Ordinal));
    }

    [Fact]
    public void AFindingAboutFewActionsHasNoDetails()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/*\"}]}";
        var finding = RepairTestSupport.Analyze(json).Single(f => f.Code == FindingCodes.RequiredResourceTypeMissing);
        Assert.Empty(finding.Details);
        Assert.StartsWith("ec2:RunInstances needs an allowed ARN of every required resource type", finding.Message, StringComparison.Ordinal);
    }
}
