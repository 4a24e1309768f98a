using CriterionCheck.Tests.Kernel.Tampering;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>
/// The hand-forged witnesses of <see cref="ForgedWitnesses"/> (values that are not real, an opaque function with
/// two values at one input written two ways) are refused by <c>verify</c> with exit 1.
/// </summary>
public class VerifyForgedWitnessTests(VerifyFiles files) : IClassFixture<VerifyFiles>
{
    public static IEnumerable<object[]> Forged => ForgedWitnesses.Rows;

    [Theory]
    [MemberData(nameof(Forged))]
    public void Verify_refuses_the_forged_witness(string name)
    {
        var forged = ForgedWitnesses.Get(name);
        var file = files.Write(name, forged.Json);
        var (code, output, error) = CliRunner.Run("verify", Path.Combine(Repository.Root, forged.Spec), file);
        Assert.True(code == 1, $"{name}: exit {code}\n{output}{error}");
        Assert.Contains(forged.Mentions, output);
    }
}
