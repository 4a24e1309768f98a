using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.EntropySum;

/// <summary>A plate sum Σ_{index=1}^{dimension} shown around an expression.</summary>
/// <param name="Index">The index name, e.g. d.</param>
/// <param name="Dimension">The size's name, e.g. D.</param>
public sealed record PlateIndex(string Index, string Dimension);

/// <summary>
/// An expression as a formula shows it: a body, summed over zero or more plates (the body is written
/// with the plate index, e.g. <c>sum(d in D, 1/2*log(2*pi*e*psi[d]))</c>), or a fixed text for
/// forms the expression language has no node for (log det).
/// </summary>
/// <param name="Plates">The plate sums around the body, outermost first.</param>
/// <param name="Body">The body, or null when <paramref name="FixedText"/> is given.</param>
/// <param name="FixedText">Spec-syntax text for a form without an expression node.</param>
/// <param name="FixedLatex">LaTeX for that form.</param>
public sealed record DisplayExpression(ImmutableArray<PlateIndex> Plates, Expr? Body, string? FixedText = null, string? FixedLatex = null)
{
    /// <summary>An expression shown as it is.</summary>
    public static DisplayExpression Of(Expr e) => new([], e);

    /// <summary>Spec-syntax text, e.g. <c>sum(d in D, log(lambda[d]))</c>.</summary>
    public string Text()
    {
        var inner = FixedText ?? TextPrinter.Print(LogCompaction.Compact(Body!));
        foreach (var p in Plates.Reverse()) inner = $"sum({p.Index} in {p.Dimension}, {inner})";
        return inner;
    }

    /// <summary>LaTeX, e.g. <c>\sum_{d=1}^{D} \log \lambda_{d}</c>.</summary>
    public string Latex()
    {
        var body = Body is null ? null : LogCompaction.Compact(Body);
        var inner = FixedLatex ?? LatexPrinter.Print(body!);
        if (Plates.IsEmpty) return inner;
        var sums = string.Concat(Plates.Select(p => $"\\sum_{{{LatexPrinter.Name(p.Index)}=1}}^{{{LatexPrinter.Name(p.Dimension)}}} "));
        return body is Sum ? $"{sums}\\left({inner}\\right)" : sums + inner;
    }

    /// <summary>The same sum with the body negated (−Σ −a = Σ a), when that removes a leading minus sign; otherwise null.</summary>
    public DisplayExpression? Negated() =>
        Body is Product { Coefficient.Sign: < 0 } && FixedText is null ? this with { Body = Product.Of(Number.MinusOne, Body) } : null;

    /// <summary>True when the text needs parentheses after a minus sign or a factor.</summary>
    public bool IsCompound => Plates.IsEmpty && (FixedText is not null || Body is Sum || Body is Product { Coefficient.Sign: < 0 });
}
