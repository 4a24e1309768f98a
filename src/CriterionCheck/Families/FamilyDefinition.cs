using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CriterionCheck.Families;

/// <summary>One argument of a family as a spec writes it.</summary>
/// <param name="Name">The parameter's name, e.g. "variance".</param>
/// <param name="Kind">Scalar, vector, matrix or known count.</param>
/// <param name="Domain">Where its entries must lie.</param>
public sealed record ArgumentSignature(string Name, ArgumentKind Kind, ParameterDomain Domain);

/// <summary>
/// A family as the spec language names it, before its dimension is known: <c>Categorical</c> becomes
/// an <see cref="ExponentialFamily"/> once the length of its probability vector is. Instances are
/// cached per size, so each entropy is derived once.
/// </summary>
public sealed class FamilyDefinition
{
    private readonly Func<IReadOnlyList<int>, ExponentialFamily> build;
    private readonly ConcurrentDictionary<string, Lazy<ExponentialFamily>> instances = new();

    /// <summary>A definition named <paramref name="name"/> built by <paramref name="build"/> from argument sizes.</summary>
    public FamilyDefinition(string name, string description, ImmutableArray<ArgumentSignature> signature, Func<IReadOnlyList<int>, ExponentialFamily> build)
    {
        Name = name;
        Description = description;
        Signature = signature;
        this.build = build;
    }

    /// <summary>A definition for a family that has one fixed dimension (every family declared in a spec).</summary>
    public static FamilyDefinition Fixed(ExponentialFamily family, string description) =>
        new(family.Name, description, [.. family.Parameters.Select(p => new ArgumentSignature(p.Name, p.Kind, p.Domain))], _ => family);

    /// <summary>The name used in specs.</summary>
    public string Name { get; }

    /// <summary>One line for documentation and messages.</summary>
    public string Description { get; }

    /// <summary>The arguments, in order.</summary>
    public ImmutableArray<ArgumentSignature> Signature { get; }

    /// <summary>How a call looks, e.g. <c>Normal(mean, variance)</c>.</summary>
    public string Usage => $"{Name}({string.Join(", ", Signature.Select(a => a.Name))})";

    /// <summary>
    /// The family for argument sizes <paramref name="sizes"/>: 1 for a scalar, the length of a vector,
    /// the side of a matrix, the value of a known count.
    /// </summary>
    /// <exception cref="FamilyException">Sizes the family cannot take (say which argument).</exception>
    public ExponentialFamily Instantiate(IReadOnlyList<int> sizes)
    {
        if (sizes.Count != Signature.Length)
            throw new FamilyException($"{Usage} takes {Signature.Length} argument(s), not {sizes.Count}");
        var key = string.Join(",", sizes);
        var lazy = instances.GetOrAdd(key, _ => new Lazy<ExponentialFamily>(() => build(sizes)));
        try { return lazy.Value; }
        catch (FamilyException) { instances.TryRemove(key, out _); throw; }
    }
}
