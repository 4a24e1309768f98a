using CriterionCheck.Criterion;
using CriterionCheck.Models;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// The engine against the hand-derived corpus: every spec under <c>tests/corpus</c> must get the verdict
/// its derivation (and <c>expect</c> line) gives, decided, with evidence the kernel accepts.
/// </summary>
public class CorpusVerdictTests
{
    public static TheoryData<string> Specs => [.. CorpusSpec.Files().Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Corpus_spec_gets_its_hand_derived_verdict_with_evidence_the_kernel_accepts(string file)
    {
        var spec = CorpusSpec.Read(file);
        var model = ModelLoader.Load(spec.Path);
        Assert.Equal(spec.ExpectSatisfied, model.ExpectSatisfied);
        var expected = spec.ExpectSatisfied ? Verdict.Satisfied : Verdict.Violated;

        var check = ModelCheck.Run(model);

        Assert.True(check.Verdict != Verdict.Undecided, $"{file}: undecided (engine said {check.Result.Verdict}): {check.Reason}");
        Assert.True(check.Verdict == expected, $"{file}: the engine says {check.Verdict}, the derivation {expected}");
        Assert.True(check.KernelAccepted, $"{file}: the kernel did not accept: {string.Join("; ", check.KernelProblems)}");
    }
}
