using CriterionCheck.Criterion;

namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// One row of the generator's outcome table: a factor's right-hand side with a criterion outcome that
/// holds for every parent of the stated kind, every plate shape and every parameter value, because
/// the block's parameters appear in no other factor (each layer names its own) — except where a tie
/// is the point, and then the row says how the tie is resolved.
/// </summary>
/// <param name="Name">A short name, e.g. <c>Normal(L + b, s)</c>.</param>
/// <param name="Parent">What the block needs of its parent.</param>
/// <param name="Produces">The support of the variable it draws.</param>
/// <param name="Outcome">The criterion's outcome for this factor's group: satisfied or violated.</param>
/// <param name="Reason">Why: the β (or α), or the witness.</param>
/// <param name="Emit">Writes the distribution, declaring the block's parameters and functions.</param>
public sealed record BuildingBlock(string Name, ParentKind Parent, GeneratedSupport Produces, Verdict Outcome, string Reason, Func<BlockContext, string> Emit)
{
    /// <summary>True when the block contains an opaque function; a violated opaque block fails for some function, not for its body.</summary>
    public bool Opaque { get; init; }

    /// <summary>True when the drawn variable must be a scalar (categorical variables).</summary>
    public bool ScalarOnly { get; init; }

    /// <summary>True when the block may only draw a latent (not the observable).</summary>
    public bool LatentOnly { get; init; }

    /// <summary>
    /// True when the block's variance or scale comes from <see cref="BlockContext.Variance"/> and may be the
    /// shared s_tied: the block is homogeneous of degree −1 in it, with β = −s and every other β 0.
    /// </summary>
    public bool Tieable { get; init; }

    /// <summary>True when the block reuses the root prior's variance (a tie pattern; chosen only with the matching root).</summary>
    public bool UsesRootVariance { get; init; }
}
