namespace CriterionCheck.Models;

/// <summary>
/// An axis of a variable: a plate <c>h in H</c> (one independent factor element per value) or a vector
/// axis <c>D</c> (coordinates of one multivariate element).
/// </summary>
/// <param name="Index">The plate index name, or null for a vector axis.</param>
/// <param name="Dimension">The size.</param>
public sealed record Axis(string? Index, Dimension Dimension)
{
    /// <summary>True for a plate.</summary>
    public bool IsPlate => Index is not null;

    /// <inheritdoc/>
    public override string ToString() => Index is null ? Dimension.Name : $"{Index} in {Dimension.Name}";
}
