using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>What an expression may refer to beyond the built-in functions.</summary>
public sealed record ExpressionContext
{
    /// <summary>No opaque functions, no sizes, pi and e are the constants.</summary>
    public static readonly ExpressionContext Default = new();

    /// <summary>Declared opaque functions by name, with their signature when known.</summary>
    public ImmutableDictionary<string, OpaqueSignature> OpaqueFunctions { get; init; } = ImmutableDictionary<string, OpaqueSignature>.Empty;

    /// <summary>Named sizes usable as ranges: <c>sum(h in H, …)</c> runs h over 1..H.</summary>
    public ImmutableDictionary<string, int> Sizes { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Names declared as variables; they shadow the constants <c>pi</c> and <c>e</c>.</summary>
    public ImmutableHashSet<string> DeclaredSymbols { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>This context with opaque function <paramref name="name"/> declared.</summary>
    public ExpressionContext WithOpaqueFunction(string name, OpaqueSignature? signature = null) =>
        this with { OpaqueFunctions = OpaqueFunctions.SetItem(name, signature ?? OpaqueSignature.Any) };
}

/// <summary>The shape of an opaque function's argument list; null counts accept any number.</summary>
/// <param name="Inputs">Number of arguments before the semicolon.</param>
/// <param name="Parameters">Number of arguments after the semicolon.</param>
public sealed record OpaqueSignature(int? Inputs, int? Parameters)
{
    /// <summary>Any argument list.</summary>
    public static readonly OpaqueSignature Any = new(null, null);
}
