using CriterionCheck.Criterion;
using CriterionCheck.Models;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// Property tests over 320 fixed seeds of <see cref="RandomSpecGenerator"/>: the engine must reach the
/// verdict each spec has by construction, with evidence the kernel accepts; the numeric probe, which
/// shares nothing with the engine, must agree with the construction wherever it can see; and the seeds
/// must exercise the whole outcome table.
/// </summary>
public class GeneratedSpecTests
{
    private const int Cases = 320;

    private static readonly Lazy<List<GeneratedSpec>> Generated = new(() => [.. Enumerable.Range(1, Cases).Select(RandomSpecGenerator.Generate)]);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, Cases)];

    // The probe costs about half a second a spec; it agreed on all 320 when the outcome table was written,
    // and a tenth of the seeds, spread over the table, keeps it watching every kind of block.
    public static TheoryData<int> ProbedSeeds => [.. Generated.Value.Where(g => g.ProbeApplies && g.Seed % 10 == 1).Select(g => g.Seed)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_engine_reaches_the_verdict_the_spec_has_by_construction(int seed)
    {
        var generated = RandomSpecGenerator.Generate(seed);
        var model = ModelLoader.FromText($"generated-{seed}.model", generated.Text);

        var check = ModelCheck.Run(model);

        Assert.True(check.Verdict != Verdict.Undecided, $"seed {seed}: undecided (engine said {check.Result.Verdict}): {check.Reason}\n{generated.Text}");
        Assert.True(check.Verdict == generated.Expected, $"seed {seed}: the engine says {check.Verdict}, by construction {generated.Expected}\n{generated.Text}");
        Assert.True(check.KernelAccepted, $"seed {seed}: the kernel did not accept: {string.Join("; ", check.KernelProblems)}\n{generated.Text}");
    }

    [Theory]
    [MemberData(nameof(ProbedSeeds))]
    public void The_numeric_probe_confirms_the_constructed_verdict(int seed)
    {
        var generated = RandomSpecGenerator.Generate(seed);
        var result = NumericConsistencyProbe.Run(ModelLoader.FromText($"generated-{seed}.model", generated.Text));
        var expected = generated.Expected == Verdict.Satisfied ? ProbeOutcome.Consistent : ProbeOutcome.Inconsistent;
        Assert.True(result.Outcome == expected, $"seed {seed}: probe {result.Outcome} (residual {result.Residual:g3} in group {result.Group}), by construction {expected}\n{generated.Text}");
    }

    [Fact]
    public void Every_generated_spec_is_well_formed_and_claims_its_constructed_verdict()
    {
        foreach (var generated in Generated.Value)
        {
            var model = ModelLoader.FromText($"generated-{generated.Seed}.model", generated.Text);
            Assert.Equal(generated.Expected == Verdict.Satisfied, model.ExpectSatisfied);
            Assert.Equal(generated.Depth + 1, model.Factors.Length);
            Assert.Equal(generated.Text, RandomSpecGenerator.Generate(generated.Seed).Text);
        }
    }

    [Fact]
    public void The_seeds_exercise_every_block_both_verdicts_every_depth_and_every_tie_mode()
    {
        var specs = Generated.Value;
        var used = specs.SelectMany(g => g.Blocks).Select(b => b.Name).ToHashSet();
        var unused = BuildingBlocks.All.Select(b => b.Name).Where(n => !used.Contains(n)).ToList();
        Assert.True(unused.Count == 0, "blocks no seed uses: " + string.Join(", ", unused));
        var violated = specs.Count(g => g.Expected == Verdict.Violated);
        Assert.InRange(violated, Cases / 4, 3 * Cases / 4);
        Assert.Equal([1, 2, 3], specs.Select(g => g.Depth).Distinct().Order());
        Assert.Equal(Enum.GetValues<TieMode>().Length, specs.Select(g => g.Ties).Distinct().Count());
        // Some satisfied specs really tie two factors through s_tied.
        Assert.Contains(specs, g => g.Ties == TieMode.SharedVariance && g.Expected == Verdict.Satisfied && g.Text.Split("s_tied").Length > 3);
        Assert.True(specs.Count(g => g.ProbeApplies) >= Cases * 3 / 4, "the probe can confirm too few seeds");
    }
}
