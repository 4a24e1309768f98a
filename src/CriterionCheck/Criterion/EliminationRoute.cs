using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Criterion;

/// <summary>
/// The general route (DESIGN §2): remove the latents by fixing them at points (opaque values become
/// fresh unknowns per point), split the stacked system η = Jβ into independent blocks, test each block
/// numerically at a random parameter point (least squares; a nonzero residual y has yᵀJ = 0 and
/// yᵀη = |y|² &gt; 0, which is the witness), and solve consistent blocks symbolically by elimination
/// with pivots chosen where the entries are numerically largest.
/// </summary>
/// <param name="model">The model.</param>
/// <param name="factors">The group's factors.</param>
/// <param name="parameters">The random parameter point the numeric tests use (a value per free element).</param>
/// <param name="seed">Seed for latent points and fresh unknowns.</param>
public sealed class EliminationRoute(Model model, IReadOnlyList<string> factors, IReadOnlyDictionary<Expr, double> parameters, int seed)
{
    /// <summary>Coefficients, or a witness, or neither (with the reason).</summary>
    public sealed record Outcome(ImmutableDictionary<Expr, Expr>? Coefficients, Witness? Witness, string? Reason);

    private readonly Normalizer normalizer = new(model.Assumptions);

    private sealed record SystemRow(NaturalRow Source, int Point, Dictionary<Expr, Expr> Coefficients, Expr Rhs);

    /// <summary>Solves η = Jβ over <paramref name="columns"/> for <paramref name="rows"/>.</summary>
    public Outcome TrySolve(IReadOnlyList<NaturalRow> rows, IReadOnlyList<Symbol> columns)
    {
        var columnSet = columns.ToHashSet();
        var solution = ImmutableDictionary.CreateBuilder<Expr, Expr>();
        // Blocks from the rows' symbols; gradients only for the blocks visited (an infeasible one ends the search).
        foreach (var block in Blocks(rows.Select(r => r.Symbols.Where(columnSet.Contains).ToList()).ToList()))
        {
            var gradients = block.ToDictionary(i => i, i => SparseGradient.Of(rows[i].Eta, columnSet));
            var blockColumns = block.SelectMany(i => gradients[i].Keys).Distinct().OrderBy(c => c, ExprOrder.Instance).Cast<Expr>().ToList();
            var (system, latentPoints) = Remove(block.Select(i => (rows[i], gradients[i])).ToList());
            var fresh = new Dictionary<Expr, double>(); // fresh opaque unknowns, over the parameter point (not a copy of it)
            var random = new Random(seed + 1);
            foreach (var row in system)
                foreach (var s in row.Coefficients.Values.Append(row.Rhs).SelectMany(e => e.Symbols()))
                    if (!parameters.ContainsKey(s) && !fresh.ContainsKey(s)) fresh[s] = random.NextDouble() - 0.5;
            bool Values(Symbol s, out double value) => fresh.TryGetValue(s, out value) || parameters.TryGetValue(s, out value);
            var a = Matrix<double>.Build.Dense(system.Count, blockColumns.Count, (i, j) =>
                system[i].Coefficients.TryGetValue(blockColumns[j], out var c) ? Evaluator.Evaluate(c, Values) : 0);
            var b = Vector<double>.Build.Dense(system.Count, i => Evaluator.Evaluate(system[i].Rhs, Values));
            if (!a.Enumerate().All(double.IsFinite) || !b.All(double.IsFinite))
                return new Outcome(null, null, "the system has no finite value at the sampled parameter point");
            var residual = b - a * LeastSquares(a, b);
            if (residual.L2Norm() > 1e-7 * (1 + b.L2Norm()))
                return new Outcome(null, WitnessFrom(system, residual, latentPoints), null);
            foreach (var (column, coefficient) in Eliminate(system, blockColumns, a, b)) solution[column] = coefficient;
        }
        return new Outcome(solution.ToImmutable(), null, null);
    }

    // Rows that share a column belong together; each group is solved on its own.
    private static List<List<int>> Blocks(List<List<Symbol>> columnsOfRow)
    {
        var parent = Enumerable.Range(0, columnsOfRow.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<Symbol, int>();
        for (var i = 0; i < columnsOfRow.Count; i++)
            foreach (var c in columnsOfRow[i])
                if (owner.TryGetValue(c, out var j)) parent[Find(i)] = Find(j);
                else owner[c] = i;
        return [.. Enumerable.Range(0, columnsOfRow.Count).GroupBy(Find).Select(g => g.ToList())];
    }

    // Fix the latents at points; opaque values and derivatives become fresh unknowns at each point.
    private (List<SystemRow> Rows, List<ImmutableDictionary<Expr, double>> Points) Remove(List<(NaturalRow Row, Dictionary<Symbol, Expr> Gradient)> block)
    {
        var latentNames = model.Factors.Where(f => f.Role != FactorRole.Observable && !f.IsCategorical).ToDictionary(f => f.Variable, f => f.Family.Support);
        // A latent's elements are its indexed symbols (z[1]); a scalar latent's one element is its bare name
        // (z), which for any other latent stands for the whole block inside an opaque call.
        var scalarLatents = model.Factors.Where(f => latentNames.ContainsKey(f.Variable) && f.Elements.SelectMany(e => e.Variable).All(v => v.Indices.IsEmpty))
            .Select(f => f.Variable).ToHashSet();
        var latents = block.SelectMany(b => b.Gradient.Values.Append(b.Row.Eta)).SelectMany(e => e.Symbols())
            .Where(s => latentNames.ContainsKey(s.Name) && (!s.Indices.IsEmpty || scalarLatents.Contains(s.Name))).Distinct().OrderBy(s => s, ExprOrder.Instance).ToList();
        var points = LatentPoints.For(latents, s => latentNames[s.Name], seed);
        var rows = new List<SystemRow>();
        var witnessPoints = new List<ImmutableDictionary<Expr, double>>();
        for (var p = 0; p < points.Count; p++)
        {
            var map = points[p].ToDictionary(kv => kv.Key, kv => (Expr)Number.Of(kv.Value));
            foreach (var (row, gradient) in block)
            {
                Expr Fix(Expr e) => Fresh(Substitution.Substitute(e, map), p);
                var point = points[p].ToDictionary(kv => kv.Key, kv => kv.Value.ToDouble());
                foreach (var (c, v) in row.Categorical) point[c] = v;
                witnessPoints.Add(point.ToImmutableDictionary());
                rows.Add(new SystemRow(row, witnessPoints.Count - 1, gradient.ToDictionary(g => (Expr)g.Key, g => Fix(g.Value)), Fix(row.Eta)));
            }
        }
        return (rows, witnessPoints);
    }

    private static Expr Fresh(Expr e, int point)
    {
        var calls = new Dictionary<Expr, Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is OpaqueCall o)
                calls[o] = Symbol.Of($"{o.Name}{string.Concat(o.Derivatives.Select(d => $"′{d}"))}@{point}", o.Indices);
            else foreach (var c in node.Children) stack.Push(c);
        }
        return calls.Count == 0 ? e : Substitution.Substitute(e, calls);
    }

    private static Vector<double> LeastSquares(Matrix<double> a, Vector<double> b)
    {
        if (a.ColumnCount == 0) return Vector<double>.Build.Dense(0);
        var svd = a.Svd(true);
        var cutoff = 1e-10 * (svd.S.Count > 0 ? svd.S[0] : 0);
        var x = Vector<double>.Build.Dense(a.ColumnCount);
        var utb = svd.U.TransposeThisAndMultiply(b);
        for (var k = 0; k < svd.S.Count; k++)
            if (svd.S[k] > cutoff) x += svd.VT.Row(k) * (utb[k] / svd.S[k]);
        return x;
    }

    private Witness WitnessFrom(List<SystemRow> system, Vector<double> y, List<ImmutableDictionary<Expr, double>> points)
    {
        var rows = system.Select((r, i) => new WitnessRow(r.Source.Factor, r.Source.Element, r.Source.Natural, r.Point, y[i]))
            .Where(r => Math.Abs(r.Weight) > 1e-12 * y.AbsoluteMaximum()).ToImmutableArray();
        var zeroColumns = system.All(r => r.Coefficients.Count == 0);
        var reason = zeroColumns
            ? "a natural parameter is nonzero but depends on no parameter of the factor, so no coefficients can reproduce it"
            : "at this parameter point the natural parameters are not in the span of the Jacobian's columns";
        // The point's values for the group's own parameters only: the rest of the model plays no part.
        var used = system.SelectMany(r => r.Source.Symbols).Where(parameters.ContainsKey).Distinct();
        return new Witness([.. factors], used.ToImmutableDictionary(s => (Expr)s, s => parameters[s]), [.. points], rows, reason);
    }

    // Gauss-Jordan on expressions, pivots chosen by the numeric values at the sampled point.
    private Dictionary<Expr, Expr> Eliminate(List<SystemRow> system, List<Expr> columns, Matrix<double> a, Vector<double> b)
    {
        var m = system.Count;
        var n = columns.Count;
        var e = new Expr[m, n + 1];
        var v = new double[m, n + 1];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++) { e[i, j] = system[i].Coefficients.GetValueOrDefault(columns[j], Number.Zero); v[i, j] = a[i, j]; }
            e[i, n] = system[i].Rhs;
            v[i, n] = b[i];
        }
        var pivotOf = new Dictionary<int, int>();
        var row = 0;
        for (var j = 0; j < n && row < m; j++)
        {
            var best = Enumerable.Range(row, m - row).MaxBy(i => Math.Abs(v[i, j]));
            if (Math.Abs(v[best, j]) < 1e-9) continue;
            for (var k = 0; k <= n; k++) (e[row, k], e[best, k], v[row, k], v[best, k]) = (e[best, k], e[row, k], v[best, k], v[row, k]);
            for (var i = 0; i < m; i++)
            {
                if (i == row || Math.Abs(v[i, j]) < 1e-300 && e[i, j].IsZero) continue;
                var factor = Simplifier.Simplify(e[i, j] / e[row, j], model.Assumptions);
                var ratio = v[i, j] / v[row, j];
                for (var k = 0; k <= n; k++)
                {
                    if (e[row, k].IsZero) continue;
                    e[i, k] = Simplifier.Simplify(e[i, k] - factor * e[row, k], model.Assumptions);
                    v[i, k] -= ratio * v[row, k];
                }
            }
            pivotOf[j] = row++;
        }
        return pivotOf.ToDictionary(p => columns[p.Key], p => normalizer.Apply(Simplifier.Simplify(e[p.Value, n] / e[p.Value, p.Key], model.Assumptions)));
    }
}
