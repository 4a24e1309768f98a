using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

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

    /// <summary>Plate indices bound to a value, e.g. d = 2 while lowering the element x[2] of <c>x[d in D]</c>.</summary>
    public ImmutableDictionary<string, int> IndexValues { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>
    /// Resolves every name that is not a bound index or a constant (a spec's parameters and latents);
    /// it may return any expression or throw <see cref="ExpressionException"/> at the reference's span.
    /// Null: every such name is a symbol.
    /// </summary>
    public Func<NameReference, Expr>? ResolveName { get; init; }

    /// <summary>
    /// Templates over all sizes: <c>sum(h in H, …)</c> over a named size stays a sum over the symbolic
    /// range 1..H (an <see cref="Core.IndexedSum"/>) instead of being expanded, and its index is a symbol.
    /// </summary>
    public bool SymbolicSizes { get; init; }

    /// <summary>Names that stand for free index symbols (a template's plate indices, d in x[d in D]).</summary>
    public ImmutableHashSet<string> FreeIndices { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// True when <c>inv[i,j](matrix(…))</c> and <c>logdet(matrix(…))</c> may be written (machine-written
    /// expressions: certificates, <c>eval</c>); false in spec files, where a full covariance is MvNormal's
    /// argument and so known to be invertible — an inverse of any matrix could be of a singular one.
    /// </summary>
    public bool MatrixFunctions { get; init; } = true;

    /// <summary>A shared limit on names and summation terms produced, or null for none.</summary>
    public LoweringBudget? Budget { get; init; }

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

/// <summary>A name met while lowering, handed to <see cref="ExpressionContext.ResolveName"/>.</summary>
/// <param name="Name">The base name.</param>
/// <param name="Indices">The lowered index expressions.</param>
/// <param name="NameSpan">Where the name is.</param>
/// <param name="Span">Where the whole reference (with indices) is.</param>
/// <param name="InOpaqueArguments">True inside the argument list of an opaque function call.</param>
public sealed record NameReference(string Name, ImmutableArray<Expr> Indices, TextSpan NameSpan, TextSpan Span, bool InOpaqueArguments);
