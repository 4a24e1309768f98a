namespace CriterionCheck.Tests.Corpus;

/// <summary>Which parameters a generated spec ties on purpose (every other parameter belongs to one factor).</summary>
public enum TieMode
{
    /// <summary>No parameter is shared.</summary>
    None,
    /// <summary>
    /// Every tieable block (each homogeneous of degree −1 in its variance or scale, with β = −s) uses one
    /// scalar s_tied: the joint system is solved by the same β = −s_tied, so outcomes do not change.
    /// </summary>
    SharedVariance,
    /// <summary>
    /// The root is Normal(0, s_root) and its child reuses s_root (<see cref="BuildingBlocks.RootVarianceChildren"/>):
    /// the prior forces β = −s_root, which the child absorbs or cannot.
    /// </summary>
    RootVarianceInChild,
}
