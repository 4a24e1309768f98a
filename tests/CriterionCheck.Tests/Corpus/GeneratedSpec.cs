using CriterionCheck.Criterion;

namespace CriterionCheck.Tests.Corpus;

/// <summary>A generated spec and the verdict it has by construction.</summary>
/// <param name="Seed">The seed it was generated from.</param>
/// <param name="Text">The spec text.</param>
/// <param name="Expected">Satisfied when every factor's block is, violated otherwise.</param>
/// <param name="Blocks">The block of each factor, root first, the observable last.</param>
/// <param name="Ties">The deliberate ties.</param>
public sealed record GeneratedSpec(int Seed, string Text, Verdict Expected, IReadOnlyList<BuildingBlock> Blocks, TieMode Ties)
{
    /// <summary>The number of latent layers.</summary>
    public int Depth => Blocks.Count - 1;

    /// <summary>
    /// True when the numeric probe can confirm the verdict: a satisfied spec (every function included),
    /// or a violated one with a violated block that is not opaque (an opaque block fails for some
    /// function, while the probe reads the concrete body).
    /// </summary>
    public bool ProbeApplies => Expected == Verdict.Satisfied || Blocks.Any(b => b.Outcome == Verdict.Violated && !b.Opaque);
}
