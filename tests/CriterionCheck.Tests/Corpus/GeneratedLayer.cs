namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// A generated variable: a latent layer or the observable, a plate <c>name[index in Size]</c> or a scalar.
/// </summary>
/// <param name="Name">The variable's name, e.g. <c>z2</c>, <c>c1</c> or <c>x</c>.</param>
/// <param name="Support">Its support.</param>
/// <param name="Index">The plate index, e.g. <c>i2</c>; null for a scalar.</param>
/// <param name="Size">The plate's size name, e.g. <c>P2</c>; null for a scalar.</param>
/// <param name="Length">The plate's size (1 for a scalar).</param>
/// <param name="Categories">For a categorical variable, the size name of its categories (e.g. <c>C1</c>); otherwise null.</param>
public sealed record GeneratedLayer(string Name, GeneratedSupport Support, string? Index, string? Size, int Length, string? Categories = null)
{
    /// <summary>True for a plate.</summary>
    public bool IsPlate => Index is not null;

    /// <summary>The left-hand side of its statement, e.g. <c>z2[i2 in P2]</c> or <c>z2</c>.</summary>
    public string Declaration => IsPlate ? $"{Name}[{Index} in {Size}]" : Name;

    /// <summary>
    /// The feature of element <paramref name="element"/> (an index expression, or null for a scalar) as
    /// its children use it: the variable itself, log for positive and logit for unit supports, so that a
    /// feature takes the values 0 and 1 (and more) on the support.
    /// </summary>
    public string Feature(string? element)
    {
        var v = element is null ? Name : $"{Name}[{element}]";
        return Support switch
        {
            GeneratedSupport.Positive => $"log({v})",
            GeneratedSupport.Unit => $"logit({v})",
            GeneratedSupport.Categorical => throw new InvalidOperationException("a categorical variable has no feature; it indexes parameters"),
            _ => v,
        };
    }

    /// <summary>The feature of the first element (or of the scalar).</summary>
    public string FirstFeature => Feature(IsPlate ? "1" : null);

    /// <summary>
    /// An unweighted product that takes the values 0 and 1 on the support: F(1)·F(2) for a plate of at
    /// least two elements, F(1)^2 otherwise.
    /// </summary>
    public string Product => IsPlate && Length >= 2 ? $"{Feature("1")} * {Feature("2")}" : $"{FirstFeature}^2";
}
