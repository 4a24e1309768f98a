using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// The surface syntax tree: what the user wrote, with minus, division and source spans kept for
/// error messages. Sums and products are n-ary so that long inputs never make deep trees.
/// </summary>
public abstract record Syntax(TextSpan Span);

/// <summary>A decimal literal, exact.</summary>
public sealed record NumberSyntax(Rational Value, TextSpan Span) : Syntax(Span);

/// <summary>A name, optionally indexed: <c>x</c>, <c>W[d,h]</c>.</summary>
public sealed record NameSyntax(string Name, ImmutableArray<Syntax> Indices, TextSpan NameSpan, TextSpan Span) : Syntax(Span);

/// <summary>
/// A call <c>name[indices]'[derivatives](inputs; parameters)</c>; <see cref="InputCount"/> is the number
/// of arguments before the semicolon, or null when there is none.
/// </summary>
public sealed record CallSyntax(string Name, TextSpan NameSpan, ImmutableArray<Syntax> Indices, ImmutableArray<int> Derivatives,
    ImmutableArray<Syntax> Arguments, int? InputCount, TextSpan Span) : Syntax(Span);

/// <summary>A binder argument <c>h in H</c>, as in <c>sum(h in H, …)</c>.</summary>
public sealed record BindingSyntax(string Variable, TextSpan VariableSpan, Syntax Range, TextSpan Span) : Syntax(Span);

/// <summary>Terms joined by + and −.</summary>
public sealed record SumSyntax(ImmutableArray<(bool Subtract, Syntax Term)> Terms, TextSpan Span) : Syntax(Span);

/// <summary>Factors joined by * and /.</summary>
public sealed record ProductSyntax(ImmutableArray<(bool Divide, Syntax Factor)> Factors, TextSpan Span) : Syntax(Span);

/// <summary><c>base ^ exponent</c>.</summary>
public sealed record PowerSyntax(Syntax Base, Syntax Exponent, TextSpan Span) : Syntax(Span);

/// <summary>Unary minus.</summary>
public sealed record NegateSyntax(Syntax Operand, TextSpan Span) : Syntax(Span);
