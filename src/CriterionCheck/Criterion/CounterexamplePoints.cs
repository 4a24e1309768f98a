using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Criterion;

/// <summary>
/// Counterexample-guided refinement: when the kernel rejects a proposal, a latent point where its
/// residual η − Jβ is nonzero is added to the points the elimination fixes the latents at, so the
/// next proposal (or the witness) accounts for it. For binary latents the point comes from the
/// residual's multilinear form — the binary latents of a monomial of least degree set to 1, the
/// others to 0, where only that monomial survives (z₁⋯z₈ is 0 at almost every sampled point but not
/// at this one); otherwise from seeded random rational points where the residual evaluates nonzero.
/// </summary>
public static class CounterexamplePoints
{
    /// <summary>A latent point (exact values) where the proposal fails, or null when none is found.</summary>
    public static Dictionary<Expr, Rational>? Find(Model model, IReadOnlyList<NaturalRow> rows, IReadOnlyDictionary<Expr, Expr> coefficients,
        IReadOnlyDictionary<Expr, Rational> parameters, int seed)
    {
        var columns = coefficients.Keys.OfType<Symbol>().ToHashSet();
        var supports = model.Factors.Where(f => f.Role != FactorRole.Observable && !f.IsCategorical)
            .SelectMany(f => f.Elements.SelectMany(e => e.Variable).Select(v => (v, f.Family.Support))).ToDictionary(p => p.v, p => p.Support);
        var binary = supports.Where(s => s.Value.Kind == SupportKind.Binary).Select(s => (Expr)s.Key).ToHashSet();
        var normalizer = new Normalizer(model.Assumptions);
        var rewriter = new ExpLogRewriter(model.Assumptions);
        var random = new Random(seed);
        foreach (var row in rows)
        {
            var gradient = SparseGradient.Of(row.Eta, columns);
            var residual = row.Eta - Sum.Of(gradient.Select(g => g.Value * coefficients[g.Key]));
            if (residual.IsZero) continue;
            var latents = residual.Symbols().Where(supports.ContainsKey).ToList();
            if (latents.Count == 0) continue;
            if (binary.Count > 0 && MinimalBinaryMonomial(residual, binary, normalizer, rewriter) is { } ones)
            {
                var point = latents.ToDictionary(l => (Expr)l, l => binary.Contains(l) ? (ones.Contains(l) ? Rational.One : Rational.Zero) : Draw(supports[l], random));
                return point;
            }
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var point = latents.ToDictionary(l => (Expr)l, l => Draw(supports[l], random));
                var values = parameters.ToDictionary(p => p.Key, p => p.Value.ToDouble());
                foreach (var (l, v) in point) values[l] = v.ToDouble();
                var opaque = new Dictionary<OpaqueCall, double>();
                double value;
                try { value = Evaluator.Evaluate(residual, values, (call, _) => opaque.TryGetValue(call, out var known) ? known : opaque[call] = random.NextDouble() - 0.5); }
                catch (SymbolicException) { continue; }
                if (double.IsFinite(value) && Math.Abs(value) > 1e-9) return point;
            }
        }
        return null;
    }

    // The binary atoms of a least-degree monomial of the residual's reduced numerator, or null.
    private static HashSet<Expr>? MinimalBinaryMonomial(Expr residual, HashSet<Expr> binary, Normalizer normalizer, ExpLogRewriter rewriter)
    {
        try
        {
            var numerator = RationalForm.From(rewriter.Apply(normalizer.Apply(residual))).Numerator.ReduceIdempotent(binary);
            if (numerator is null || numerator.IsZero) return null;
            var least = numerator.Terms.Keys.Select(m => m.Powers.Where(p => binary.Contains(p.Atom)).Select(p => p.Atom).ToHashSet()).MinBy(s => s.Count);
            return least;
        }
        catch (ExpansionLimitException) { return null; }
        catch (SymbolicException) { return null; }
    }

    private static Rational Draw(Support support, Random random) => support.Kind switch
    {
        SupportKind.Binary => random.Next(2),
        SupportKind.Count => random.Next(0, 6),
        SupportKind.BoundedCount => random.Next(0, support.Size + 1),
        SupportKind.Positive => new Rational(random.Next(1, 20), random.Next(1, 6)),
        SupportKind.UnitInterval => new Rational(random.Next(1, 9), 9),
        _ => new Rational(random.Next(-12, 13), random.Next(1, 6)),
    };
}
