namespace CriterionCheck.Models;

/// <summary>A named size from the <c>dims</c> statement, e.g. H = 2.</summary>
/// <param name="Name">The name.</param>
/// <param name="Size">The value (after any command-line override).</param>
public sealed record Dimension(string Name, int Size)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {Size}";
}
