using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.EntropySum;

/// <summary>
/// The entropy-sum form of a model's ELBO at stationary points (paper Eq. 3; Eqs. 21, 26, 39, 50–53, 62):
/// F = (1/N) Σₙ H[q⁽ⁿ⁾] − Σ over factors of their (expected) entropies, with pseudo-entropies and
/// base-measure terms where a base measure is not constant (Theorem 2).
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Theorem">1 or 2.</param>
/// <param name="StationaryIn">The minimal stationarity set.</param>
/// <param name="Terms">The terms, variational entropy first, then factors in dependency order.</param>
/// <param name="ExactPosterior">The closed form in the parameters alone, for linear-Gaussian models; null otherwise.</param>
public sealed record EntropySumFormula(Model Model, int Theorem, ImmutableArray<string> StationaryIn, ImmutableArray<EntropyTerm> Terms,
    LinearGaussianForm? ExactPosterior)
{
    /// <summary>The latents, in dependency order.</summary>
    public ImmutableArray<string> Latents => [.. Model.Factors.Where(f => f.Role != FactorRole.Observable).Select(f => f.Variable)];

    /// <summary>The statement the formula holds under.</summary>
    public string Statement => $"at every point where F is stationary with respect to {string.Join(", ", StationaryIn)}";

    /// <summary>
    /// The entropy sum's value at parameter values <paramref name="parameters"/> (free elements) for
    /// variational distributions summarised by <paramref name="q"/>.
    /// </summary>
    /// <exception cref="SymbolicException">A parameter, latent or data value is missing.</exception>
    public double Evaluate(IReadOnlyDictionary<Expr, double> parameters, VariationalSummary q)
    {
        var total = 0.0;
        foreach (var term in Terms)
        {
            var e = term.Value is null ? null : WithBodies(term.Value);
            double value = term.Kind == TermKind.VariationalEntropy ? q.MeanEntropy : term.Averaging switch
            {
                Averaging.None => ValueAt(e!, parameters, null),
                Averaging.AggregatePosterior => q.Aggregate.Sum(point => point.Weight == 0 ? 0 : point.Weight * ValueAt(e!, parameters, point.Latents)),
                Averaging.Data => (q.Data ?? throw new SymbolicException($"the base-measure term of {term.Factor} needs the data"))
                    .Average(x => ValueAt(e!, parameters, x)),
                _ => throw new InvalidOperationException(),
            };
            total += term.Sign * value;
        }
        return total;
    }

    // Categorical latents are indices: their values go into the expression before it is evaluated.
    private double ValueAt(Expr e, IReadOnlyDictionary<Expr, double> parameters, IReadOnlyDictionary<Expr, double>? point)
    {
        if (point is null) return Evaluator.Evaluate(e, parameters);
        var indices = new Dictionary<Expr, Expr>();
        foreach (var f in Model.Factors.Where(f => f.IsCategorical))
            if (point.TryGetValue(Symbol.Of(f.Variable), out var v)) indices[Symbol.Of(f.Variable)] = Number.Of((int)Math.Round(v));
        var instance = indices.Count == 0 ? e : Substitution.Substitute(e, indices);
        return Evaluator.Evaluate(instance, (Symbol s, out double value) => point.TryGetValue(s, out value) || parameters.TryGetValue(s, out value));
    }

    // Opaque functions are valued by their concrete bodies.
    private Expr WithBodies(Expr e) => OpaqueBodies.Substitute(Model, e, required: false);
}
