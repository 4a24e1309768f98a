namespace CriterionCheck.Families;

/// <summary>A family cannot be built or instantiated as asked: what is wrong, in the user's terms.</summary>
/// <param name="message">The explanation.</param>
/// <param name="argumentIndex">The 0-based argument at fault, when one is.</param>
public sealed class FamilyException(string message, int? argumentIndex = null) : Exception(message)
{
    /// <summary>The 0-based argument at fault, or null when the family as a whole is.</summary>
    public int? ArgumentIndex { get; } = argumentIndex;
}
