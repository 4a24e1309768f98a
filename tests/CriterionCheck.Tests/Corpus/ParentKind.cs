namespace CriterionCheck.Tests.Corpus;

/// <summary>What a building block needs of the layer it depends on.</summary>
public enum ParentKind
{
    /// <summary>No parent: a prior (condition A).</summary>
    None,
    /// <summary>A non-categorical parent, used through its features (z, log z, logit z).</summary>
    Features,
    /// <summary>A categorical parent, which indexes the block's parameters.</summary>
    Categorical,
}
