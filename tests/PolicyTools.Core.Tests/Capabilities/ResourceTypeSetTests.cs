using System.Linq;
using CsCheck;
using PolicyTools.Capabilities;

namespace PolicyTools.Tests.Capabilities;

/// <summary>The bit sets behind "which resource types may these resources be" behave as sets of indexes.</summary>
public class ResourceTypeSetTests
{
    private static ResourceTypeSet Of(int count, bool[] members)
    {
        var set = new ResourceTypeSet(count);
        for (var i = 0; i < count; i++) if (members[i]) set.Add(i);
        return set;
    }

    [Fact]
    public void Set_operations_agree_with_arrays_of_flags()
    {
        Gen.Int[0, 200].SelectMany(n => Gen.Select(Gen.Bool.Array[n], Gen.Bool.Array[n], (a, b) => (n, a, b))).Sample(t =>
        {
            var (n, a, b) = t;
            var union = Of(n, a);
            union.UnionWith(Of(n, b));
            var except = Of(n, a);
            except.ExceptWith(Of(n, b));
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(a[i] || b[i], union[i]);
                Assert.Equal(a[i] && !b[i], except[i]);
            }
            Assert.Equal(a.Zip(b, (x, y) => x && y).Any(z => z), Of(n, a).Overlaps(Of(n, b)));
            Assert.Equal(!a.Any(x => x), Of(n, a).IsEmpty);
            Assert.Equal(n > 0 && a.All(x => x), Of(n, a).IsFull);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(113)]
    [InlineData(128)]
    public void Adding_every_type_fills_the_set_and_removing_one_does_not(int count)
    {
        var set = new ResourceTypeSet(count);
        set.AddAll();
        Assert.True(set.IsFull);
        Assert.True(Enumerable.Range(0, count).All(i => set[i]));
        set.Remove(count - 1);
        Assert.False(set.IsFull);
        Assert.Equal(count == 1, set.IsEmpty);
    }

    [Fact]
    public void An_action_list_knows_its_members_and_splits_by_resource_support()
    {
        var ec2 = TestMaps.Ec2.GetService("ec2")!;
        var describe = ec2.MatchList("ec2:Describe*");

        Assert.True(describe.Contains(ec2.GetAction("DescribeVolumes")!));
        Assert.False(describe.Contains(ec2.GetAction("RunInstances")!));
        Assert.False(ec2.MatchList("ec2:AcceptAddressTransfer").Contains(ec2.Actions[ec2.Actions.Count - 1]));
        Assert.Equal(describe.Where(a => !a.SupportsResourceLevelPermissions), describe.OnlyStar);
        Assert.Equal(describe.Where(a => a.SupportsResourceLevelPermissions), describe.ResourceLevel);
        Assert.Equal(describe.Count, describe.OnlyStar.Length + describe.ResourceLevel.Length);
        Assert.Equal(ec2.Actions.Where(a => a.RequiredTypeIndexes.Length > 0), ec2.MatchList("ec2:*").WithRequiredTypes);
    }
}
