using System.Collections.Immutable;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Criterion;

/// <summary>
/// Turns an inconsistent point system into an exact witness: at a rational parameter point (and
/// rational values for the opaque unknowns) the system's entries are constants; Gaussian elimination
/// with every pivot decision made exactly (a rational is zero or not; other constants are shown
/// nonzero by rigorous bounds or zero by a proof) finds a combination y of equations with yᵀJ = 0 and
/// yᵀη ≠ 0. The kernel then re-checks it from the model alone.
/// </summary>
public static class WitnessBuilder
{
    /// <summary>
    /// The witness, or null when the system is consistent at this point (or a decision could not be made).
    /// One factor element's equations are tried first, over all points, so the witness shows the
    /// failure in one place when it can (f's value changing between two latent points while its
    /// derivative does not); then the whole system.
    /// </summary>
    public static Witness? Build(Model model, IReadOnlyList<string> factors, PointSystem system, IReadOnlyDictionary<Expr, Rational> parameters)
    {
        foreach (var element in system.Equations.GroupBy(e => (e.Source.Factor, e.Source.Element)).Take(MaxSingleElements))
            if (element.Count() < system.Equations.Count
                && Solve(model, factors, system with { Equations = [.. element] }, parameters) is { } local)
                return local;
        return Solve(model, factors, system, parameters);
    }

    // Single elements tried before the whole system; beyond this the whole system is cheaper.
    private const int MaxSingleElements = 16;

    private static Witness? Solve(Model model, IReadOnlyList<string> factors, PointSystem system, IReadOnlyDictionary<Expr, Rational> parameters)
    {
        var values = new Dictionary<Expr, Expr>();
        foreach (var (s, v) in parameters) values[s] = Number.Of(v);
        foreach (var (s, v) in system.FreshValues) values[s] = Number.Of(v);
        var columns = system.Equations.SelectMany(e => e.Coefficients.Keys).Distinct().OrderBy(c => c, ExprOrder.Instance).ToList();
        var m = system.Equations.Count;
        var rows = new Expr[m][];
        var combinations = new Dictionary<int, Expr>[m];
        try
        {
            for (var i = 0; i < m; i++)
            {
                var equation = system.Equations[i];
                rows[i] = [.. columns.Select(c => At(equation.Coefficients.GetValueOrDefault(c, Number.Zero), values)), At(equation.Rhs, values)];
                combinations[i] = new Dictionary<int, Expr> { [i] = Number.One };
            }
        }
        catch (SymbolicException) { return null; }
        if (rows.Any(r => r.Any(e => e.Symbols().Count > 0))) return null;

        var pivotRows = new HashSet<int>();
        for (var j = 0; j < columns.Count; j++)
        {
            var pivot = -1;
            for (var i = 0; i < m && pivot < 0; i++)
                if (!pivotRows.Contains(i))
                {
                    var decision = Decide(rows[i][j]);
                    if (decision is null) return null;
                    if (decision.Value) pivot = i;
                }
            if (pivot < 0) continue;
            pivotRows.Add(pivot);
            for (var i = 0; i < m; i++)
            {
                if (i == pivot || rows[i][j].IsZero) continue;
                var factor = Reduce(rows[i][j] / rows[pivot][j]);
                for (var k = j; k <= columns.Count; k++)
                    if (!rows[pivot][k].IsZero) rows[i][k] = Reduce(rows[i][k] - factor * rows[pivot][k]);
                foreach (var (source, weight) in combinations[pivot])
                    combinations[i][source] = Reduce(combinations[i].GetValueOrDefault(source, Number.Zero) - factor * weight);
            }
        }
        // A row outside the pivots has a zero Jacobian part; its right-hand side is yᵀη for its combination y.
        var found = Enumerable.Range(0, m).Where(i => !pivotRows.Contains(i)).FirstOrDefault(i => Decide(rows[i][columns.Count]) == true, -1);
        if (found < 0) return null;
        var y = combinations[found].Where(c => !c.Value.IsZero).OrderBy(c => c.Key).ToList();
        if (y.Count == 0) return null;
        return Assemble(model, factors, system, parameters, y);
    }

    private static Witness Assemble(Model model, IReadOnlyList<string> factors, PointSystem system, IReadOnlyDictionary<Expr, Rational> parameters,
        List<KeyValuePair<int, Expr>> y)
    {
        var opaqueUsed = y.SelectMany(c => system.Equations[c.Key].Coefficients.Values.Append(system.Equations[c.Key].Rhs))
            .SelectMany(e => e.Symbols()).Where(system.Fresh.ContainsKey).ToHashSet();
        // One witness point per (latent point, categorical values) the chosen equations use.
        var pointIndex = new Dictionary<string, int>();
        var points = new List<ImmutableDictionary<Expr, Expr>>();
        var rows = new List<WitnessRow>();
        foreach (var (i, weight) in y)
        {
            var equation = system.Equations[i];
            var point = system.Points[equation.Point].ToDictionary(p => p.Key, p => (Expr)Number.Of(p.Value));
            foreach (var (c, v) in equation.Source.Categorical) point[c] = Number.Of(v);
            // The opaque values the chosen equations use at this point (any others are irrelevant).
            foreach (var fresh in opaqueUsed.Where(f => system.Fresh[f].Point == equation.Point))
                point[system.Fresh[fresh].Atom] = Number.Of(system.FreshValues[fresh]);
            var key = string.Join(";", point.OrderBy(p => p.Key, ExprOrder.Instance).Select(p => $"{p.Key}={p.Value}"));
            if (!pointIndex.TryGetValue(key, out var index))
            {
                pointIndex[key] = index = points.Count;
                points.Add(point.ToImmutableDictionary());
            }
            rows.Add(new WitnessRow(equation.Source.Factor, equation.Source.Element, equation.Source.Natural, index, weight));
        }
        // Every parameter of the group's factors, so simplex rows and covariances are given whole.
        var used = factors.SelectMany(f => model.Factors.Single(x => x.Variable == f).Parameters).ToHashSet(StringComparer.Ordinal);
        var values = model.Parameters.Where(b => used.Contains(b.Name)).SelectMany(b => b.FreeElements)
            .Where(parameters.ContainsKey).ToImmutableDictionary(s => (Expr)s, s => (Expr)Number.Of(parameters[s]));
        var noColumns = system.Equations.All(e => e.Coefficients.Count == 0);
        var reason = noColumns
            ? "a natural parameter is nonzero but depends on no parameter of the factor, so no coefficients can reproduce it"
            : y.Any(c => system.Fresh.Values.Any(f => f.Point == system.Equations[c.Key].Point))
                ? $"the criterion is not implied for an arbitrary {string.Join(" or ", system.Fresh.Values.Select(f => f.Atom.Name).Distinct().Order(StringComparer.Ordinal))}: " +
                  "for the values and derivatives given at these latent points (any values can be a function's) no coefficients exist. " +
                  "A function whose last layer is linear, with learnable weights outside it, can satisfy it (see the catalog's vae-bernoulli-linear.model)"
                : "at this parameter point the natural parameters are not in the span of the Jacobian's columns";
        return new Witness([.. factors], values, [.. points], [.. rows], reason);
    }

    private static Expr At(Expr e, Dictionary<Expr, Expr> values) => Reduce(Substitution.Substitute(e, values));

    private static Expr Reduce(Expr e) => e is Number ? e : Simplifier.Simplify(e);

    // True: provably nonzero; false: provably zero; null: neither could be shown.
    private static bool? Decide(Expr e)
    {
        if (e is Number n) return !n.Value.IsZero;
        if (new Bounds(DomainAssumptions.None).Of(e).ExcludesZero) return true;
        if (new ZeroTest().Prove(e)) return false;
        return null;
    }
}
