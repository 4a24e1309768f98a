using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Spec;

/// <summary>A spec file as written: its statements, in file order, with spans for messages.</summary>
/// <param name="Source">The text and its name.</param>
/// <param name="Statements">The statements.</param>
public sealed record SpecDocument(SourceText Source, ImmutableArray<Statement> Statements);

/// <summary>A name as written, with where it is.</summary>
/// <param name="Text">The name.</param>
/// <param name="Span">Its span.</param>
public readonly record struct Identifier(string Text, TextSpan Span);

/// <summary>One statement of a spec file.</summary>
/// <param name="Span">From the keyword to the end of the statement.</param>
public abstract record Statement(TextSpan Span);

/// <summary><c>model "title"</c>.</summary>
public sealed record ModelStatement(string Title, TextSpan Span) : Statement(Span);

/// <summary>One size of a <c>dims</c> statement: <c>H = 3</c>.</summary>
/// <param name="Name">The size's name.</param>
/// <param name="Value">Its value as written (checked against limits when the model is built).</param>
/// <param name="ValueSpan">Where the value is.</param>
public sealed record DimSyntax(Identifier Name, long Value, TextSpan ValueSpan);

/// <summary><c>dims H = 3, D = 5</c>.</summary>
public sealed record DimsStatement(ImmutableArray<DimSyntax> Dims, TextSpan Span) : Statement(Span);

/// <summary>A domain keyword (or interval) with its span.</summary>
public sealed record DomainSyntax(ParameterDomain Domain, TextSpan Span);

/// <summary><c>param W[D, H] real</c>.</summary>
public sealed record ParamStatement(Identifier Name, ImmutableArray<Identifier> Shape, DomainSyntax Domain, TextSpan Span) : Statement(Span);

/// <summary>
/// One axis of a variable or function output: a plate <c>h in H</c> (independent elements, one factor
/// element each) or a vector axis <c>D</c> (one multivariate element).
/// </summary>
/// <param name="Index">The plate index, or null for a vector axis.</param>
/// <param name="Size">The size's name.</param>
public sealed record AxisSyntax(Identifier? Index, Identifier Size);

/// <summary><c>function f[d in D](z; w) = body</c>; the body is optional.</summary>
public sealed record FunctionStatement(Identifier Name, AxisSyntax? Output, ImmutableArray<Identifier> Inputs,
    ImmutableArray<Identifier> Parameters, Syntax? Body, TextSpan Span) : Statement(Span);

/// <summary>Whether a factor statement declares a latent or the observable.</summary>
public enum FactorKind
{
    /// <summary><c>latent</c></summary>
    Latent,
    /// <summary><c>observe</c></summary>
    Observe,
}

/// <summary><c>latent z[h in H] ~ Bernoulli(pi[h])</c> or <c>observe x[d in D] ~ …</c>.</summary>
/// <param name="Kind">Latent or observable.</param>
/// <param name="Variable">The variable's name.</param>
/// <param name="Axes">Its plates and vector axes.</param>
/// <param name="Distribution">The family call after <c>~</c>.</param>
/// <param name="Span">The whole statement.</param>
public sealed record FactorStatement(FactorKind Kind, Identifier Variable, ImmutableArray<AxisSyntax> Axes, CallSyntax Distribution, TextSpan Span)
    : Statement(Span);

/// <summary><c>expect satisfied</c> or <c>expect violated</c>.</summary>
public sealed record ExpectStatement(bool Satisfied, TextSpan Span) : Statement(Span);

/// <summary>One item of a family block: its keyword and expressions.</summary>
/// <param name="Keyword">The item's keyword, with span.</param>
/// <param name="Expressions">The comma-separated expressions after it.</param>
public sealed record FamilyItem(Identifier Keyword, ImmutableArray<Syntax> Expressions);

/// <summary>
/// A family declared in the spec:
/// <c>family Name(arg domain, …)</c>, then <c>support</c>, <c>natural</c>, <c>statistics</c>,
/// <c>log_partition</c>, <c>base_measure</c> or <c>log_base_measure</c>, and <c>end</c>.
/// </summary>
public sealed record FamilyStatement(Identifier Name, ImmutableArray<(Identifier Name, DomainSyntax Domain)> Parameters,
    Identifier Support, ImmutableDictionary<string, FamilyItem> Items, TextSpan Span) : Statement(Span);
