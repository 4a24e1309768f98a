using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Criterion;

/// <summary>
/// The general route: remove the latents by fixing them at exact points (opaque values and derivatives
/// become fresh unknowns per point), split the stacked system η = Jβ into independent blocks, test each
/// block numerically at a rational parameter point (least squares), and solve consistent blocks
/// symbolically by elimination, pivots chosen where the entries are numerically largest. Only a
/// proposal: the kernel decides. An inconsistent block is returned whole, for an exact witness.
/// </summary>
/// <param name="model">The model.</param>
/// <param name="parameters">The rational parameter point of the numeric tests and of witnesses.</param>
/// <param name="seed">Seed for latent points and fresh unknowns.</param>
public sealed class EliminationRoute(Model model, IReadOnlyDictionary<Expr, Rational> parameters, int seed)
{
    /// <summary>Coefficients (a proposal), or an inconsistent system (for a witness), or neither with the reason.</summary>
    public sealed record Outcome(IReadOnlyDictionary<Expr, Expr>? Coefficients, PointSystem? Inconsistent, string? Reason);

    private readonly Normalizer normalizer = new(model.Assumptions);

    /// <summary>Solves η = Jβ over <paramref name="columns"/> for <paramref name="rows"/>, with the latents also fixed at <paramref name="extraPoints"/>.</summary>
    public Outcome TrySolve(IReadOnlyList<NaturalRow> rows, IReadOnlyList<Symbol> columns, IReadOnlyList<Dictionary<Expr, Rational>> extraPoints)
    {
        var columnSet = columns.ToHashSet();
        var solution = new Dictionary<Expr, Expr>();
        var consistent = new List<(PointSystem System, List<Expr> Columns, Matrix<double> A, Vector<double> B)>();
        // Blocks from the rows' symbols; gradients only for the blocks visited (an infeasible one ends the search).
        foreach (var block in Blocks(rows.Select(r => r.Symbols.Where(columnSet.Contains).ToList()).ToList()))
        {
            var gradients = block.ToDictionary(i => i, i => SparseGradient.Of(rows[i].Eta, columnSet));
            var blockColumns = block.SelectMany(i => gradients[i].Keys).Distinct().OrderBy(c => c, ExprOrder.Instance).Cast<Expr>().ToList();
            var parts = block.Select(i => (rows[i], gradients[i])).ToList();
            var latents = Latents(parts);
            // Each latent point maps every latent, and the numeric test is dense: past a few million entries
            // (tens of thousands of latents) that is gigabytes, so say so instead of running out of memory.
            long points = latents.Count + 3 + extraPoints.Count;
            if (points * latents.Count > MaxEntries || points * block.Count * blockColumns.Count > MaxEntries)
                return new Outcome(null, null,
                    $"removing the latents at these sizes takes {points:N0} latent points of {latents.Count:N0} latents each, {points * block.Count:N0} equations in {blockColumns.Count:N0} unknowns, "
                    + $"more than the {MaxEntries:N0} entries the element-by-element route works with (a proof for every size would need the template route)");
            PointSystem system;
            try { system = Remove(parts, latents, extraPoints); }
            catch (SymbolicException) { return new Outcome(null, null, "a natural parameter has no value at one of the latent points tried"); }
            // Looked up, not copied: the parameter point has an entry per element of every block.
            bool Values(Symbol s, out double v)
            {
                var found = system.FreshValues.TryGetValue(s, out var r) || parameters.TryGetValue(s, out r);
                v = found ? r.ToDouble() : 0;
                return found;
            }
            Matrix<double> a;
            Vector<double> b;
            try
            {
                a = Matrix<double>.Build.Dense(system.Equations.Count, blockColumns.Count, (i, j) =>
                    system.Equations[i].Coefficients.TryGetValue(blockColumns[j], out var c) ? Evaluator.Evaluate(c, Values) : 0);
                b = Vector<double>.Build.Dense(system.Equations.Count, i => Evaluator.Evaluate(system.Equations[i].Rhs, Values));
            }
            catch (SymbolicException) { return new Outcome(null, null, "the system has a symbol without a value at the sampled point"); }
            if (!a.Enumerate().All(double.IsFinite) || !b.All(double.IsFinite))
                return new Outcome(null, null, "the system has no finite value at the sampled parameter point");
            var residual = b - a * LeastSquares(a, b);
            if (residual.L2Norm() > 1e-7 * (1 + b.L2Norm())) return new Outcome(null, system, null);
            consistent.Add((system, blockColumns, a, b));
        }
        // Every block is tested numerically before any is solved symbolically: an inconsistent block found
        // late would otherwise wait behind an elimination that swells (entries in Σ⁻¹ at D = 3).
        foreach (var (system, blockColumns, a, b) in consistent)
            foreach (var (column, coefficient) in Eliminate(system, blockColumns, a, b)) solution[column] = coefficient;
        return new Outcome(solution, null, null);
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
    private const long MaxEntries = 4_000_000;

    // The latent elements the block's rows read, as they appear in natural parameters (z[2], or z for a scalar latent).
    private List<Symbol> Latents(List<(NaturalRow Row, Dictionary<Symbol, Expr> Gradient)> block)
    {
        var expressions = block.SelectMany(b => b.Gradient.Values.Append(b.Row.Eta)).ToList();
        return [.. expressions.SelectMany(e => e.Symbols())
            .Where(Supports.ContainsKey)
            // An opaque function takes whole latent blocks: each of their elements is an input to vary.
            .Concat(expressions.SelectMany(OpaqueInputs))
            .Distinct().OrderBy(s => s, ExprOrder.Instance)];
    }

    private Dictionary<Symbol, Support> Supports => supports ??= model.Factors.Where(f => f.Role != FactorRole.Observable && !f.IsCategorical)
        .SelectMany(f => f.Elements.SelectMany(e => e.Variable).Select(v => (v, f.Family.Support))).ToDictionary(p => p.v, p => p.Support);

    private Dictionary<Symbol, Support>? supports;

    private PointSystem Remove(List<(NaturalRow Row, Dictionary<Symbol, Expr> Gradient)> block, List<Symbol> latents, IReadOnlyList<Dictionary<Expr, Rational>> extraPoints)
    {
        var points = LatentPoints.For(latents, s => Supports[s], seed);
        foreach (var extra in extraPoints)
        {
            var point = latents.ToDictionary(l => (Expr)l, l => extra.TryGetValue(l, out var v) ? v : points[0][l]);
            if (!points.Any(p => latents.All(l => p[l] == point[l]))) points.Add(point);
        }
        var system = new PointSystem([], points, [], []);
        var index = new Dictionary<(OpaqueCall, int), Symbol>();
        var random = new Random(seed + 1);
        for (var p = 0; p < points.Count; p++)
        {
            var map = points[p].ToDictionary(kv => kv.Key, kv => (Expr)Number.Of(kv.Value));
            foreach (var (row, gradient) in block)
            {
                // Opaque calls first, as the model writes them (f(z; w) even for a scalar z), then the latent values.
                Expr Fix(Expr e) => Substitution.Substitute(Fresh(e, p, system, index, random), map);
                system.Equations.Add(new PointEquation(row, p, gradient.ToDictionary(g => (Expr)g.Key, g => Fix(g.Value)), Fix(row.Eta)));
            }
        }
        return system;
    }

    private IEnumerable<Symbol> OpaqueInputs(Expr e)
    {
        if (e is OpaqueCall o)
        {
            foreach (var input in o.Arguments.Take(o.InputCount).OfType<Symbol>())
                if (model.Factors.FirstOrDefault(f => f.Variable == input.Name && f.Role != FactorRole.Observable && !f.IsCategorical) is { } factor)
                    foreach (var v in factor.Elements.SelectMany(x => x.Variable)) yield return v;
            yield break;
        }
        foreach (var c in e.Children)
            foreach (var s in OpaqueInputs(c)) yield return s;
    }

    // Every opaque call (and derivative atom) at point p becomes its own unknown, with a rational value for the tests.
    private static Expr Fresh(Expr e, int point, PointSystem system, Dictionary<(OpaqueCall, int), Symbol> index, Random random)
    {
        var calls = new Dictionary<Expr, Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is OpaqueCall o && !calls.ContainsKey(o))
            {
                // One unknown per distinct call and point (f(z; w) and f(y; w) are different values).
                if (!index.TryGetValue((o, point), out var symbol))
                {
                    index[(o, point)] = symbol = Symbol.Of($"{o.Name}{string.Concat(o.Derivatives.Select(d => $"′{d}"))}@{point}#{system.Fresh.Count}", o.Indices);
                    system.Fresh[symbol] = (o, point);
                    system.FreshValues[symbol] = RationalPoint.Unknown(random);
                }
                calls[o] = symbol;
            }
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

    // Gauss-Jordan on expressions, pivots chosen by the numeric values at the sampled point.
    private Dictionary<Expr, Expr> Eliminate(PointSystem system, List<Expr> columns, Matrix<double> a, Vector<double> b)
    {
        var m = system.Equations.Count;
        var n = columns.Count;
        var e = new Expr[m, n + 1];
        var v = new double[m, n + 1];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++) { e[i, j] = system.Equations[i].Coefficients.GetValueOrDefault(columns[j], Number.Zero); v[i, j] = a[i, j]; }
            e[i, n] = system.Equations[i].Rhs;
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
