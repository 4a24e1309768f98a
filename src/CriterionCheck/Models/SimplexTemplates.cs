using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// Simplex blocks at symbolic size: the free weights are π[…, c] for c = 1..C−1, and the last one is
/// π[…, C] = 1 − Σ_{c=1}^{C−1} π[…, c]. A sum over the whole last axis, Σ_{c=1}^{C} f(π[c]), is split into
/// Σ_{c=1}^{C−1} f(π[c]) + f(π[C]) so that every weight in a template is a free one or that expression.
/// </summary>
public static class SimplexTemplates
{
    /// <summary>π[lead, C] = 1 − Σ_{c=1}^{C−1} π[lead, c].</summary>
    public static Expr LastWeight(string block, IReadOnlyList<Expr> lead, Expr size)
    {
        var c = IndexedSum.Temporary();
        return Number.One - IndexedSum.Of(c, size - Number.One, Symbol.Of(block, lead.Append(c).ToImmutableArray()), "c");
    }

    /// <summary><paramref name="e"/> with sums over whole simplex axes split and every last weight written in free weights.</summary>
    /// <param name="e">The template.</param>
    /// <param name="sizes">The simplex blocks by name, with the size symbol of their last axis.</param>
    public static Expr Split(Expr e, IReadOnlyDictionary<string, Expr> sizes)
    {
        if (sizes.Count == 0) return e;
        return Rewrite.BottomUp(e, node => node switch
        {
            IndexedSum s when Covers(s, sizes) => IndexedSum.Of(s.Index, s.Upper - Number.One, s.Body, s.DisplayName) + Split(s.At(s.Upper), sizes),
            Symbol { Indices.Length: > 0 } w when sizes.TryGetValue(w.Name, out var size) && w.Indices[^1].Equals(size) => LastWeight(w.Name, w.Indices[..^1], size),
            _ => node,
        });
    }

    // A sum over 1..C of a body that weighs a simplex block with last axis C by the sum's own index.
    private static bool Covers(IndexedSum s, IReadOnlyDictionary<string, Expr> sizes)
    {
        var stack = new Stack<Expr>([s.Body]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Symbol { Indices.Length: > 0 } w && sizes.TryGetValue(w.Name, out var size) && size.Equals(s.Upper) && w.Indices[^1].Equals(s.Index)) return true;
            foreach (var c in node.Children) stack.Push(c);
        }
        return false;
    }

    /// <summary>
    /// Why a template (after <see cref="Split"/>) may name a dependent simplex weight as if it were
    /// free, or null when it does not: the last index of every simplex weight must run over exactly
    /// 1..C − 1, as a sum's index or a free index of that range. An index over another size that equals
    /// C at the declared sizes (sum(k in K, q[k]) with K = C), or the size K itself, reaches q[C] at some
    /// sizes and not at others.
    /// </summary>
    /// <param name="e">The template.</param>
    /// <param name="ranges">The free indices' ranges.</param>
    /// <param name="sizes">The simplex blocks by name, with the size symbol of their last axis.</param>
    public static string? FreeWeightProblem(Expr e, IReadOnlyDictionary<Symbol, Expr> ranges, IReadOnlyDictionary<string, Expr> sizes)
    {
        if (sizes.Count == 0) return null;
        switch (e)
        {
            case IndexedSum sum:
                return FreeWeightProblem(sum.Body, new Dictionary<Symbol, Expr>(ranges) { [sum.Index] = sum.Upper }, sizes);
            case Symbol { Indices.Length: > 0 } w when sizes.TryGetValue(w.Name, out var size):
                var last = w.Indices[^1];
                if (last is Symbol index && ranges.TryGetValue(index, out var range) && range.Equals(size - Number.One)) return null;
                var shown = last is Symbol bound && IndexedSum.IsBound(bound) ? "a sum's index" : last.ToString();
                return $"{w.Name} is indexed on its last axis by {shown}, which does not run over exactly its free weights 1..{size - Number.One}, so it may name the dependent last weight";
            default:
                foreach (var c in e.Children) if (FreeWeightProblem(c, ranges, sizes) is { } problem) return problem;
                return null;
        }
    }
}
