using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Numerics;

/// <summary>
/// The model's free parameter elements as one vector θ (blocks in declaration order, elements row-major),
/// and a smooth bijection to unconstrained coordinates u for the optimiser: positive values as logs,
/// (0,1) values as logits, simplex groups as log-ratios to their last entry, covariances as Cholesky
/// factors with log diagonals. Gradients are reported in θ (the spec's free elements), where
/// stationarity is defined; the optimiser works in u.
/// </summary>
public sealed class ParameterSpace
{
    /// <summary>The space of <paramref name="model"/>'s parameters.</summary>
    public ParameterSpace(Model model)
    {
        Model = model;
        var elements = ImmutableArray.CreateBuilder<Symbol>();
        var ranges = ImmutableArray.CreateBuilder<BlockRange>();
        foreach (var block in model.Parameters)
        {
            ranges.Add(new BlockRange(block, elements.Count, block.FreeElements.Length));
            elements.AddRange(block.FreeElements);
        }
        Elements = elements.ToImmutable();
        Blocks = ranges.ToImmutable();
        Index = Elements.Select((s, i) => (s, i)).ToImmutableDictionary(p => p.s, p => p.i);
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>Every free element, in θ order.</summary>
    public ImmutableArray<Symbol> Elements { get; }

    /// <summary>Where each block's free elements lie in θ.</summary>
    public ImmutableArray<BlockRange> Blocks { get; }

    /// <summary>The position of each free element in θ.</summary>
    public ImmutableDictionary<Symbol, int> Index { get; }

    /// <summary>The length of θ.</summary>
    public int Count => Elements.Length;

    /// <summary>The range of block <paramref name="name"/>.</summary>
    public BlockRange Block(string name) => Blocks.Single(b => b.Block.Name == name);

    /// <summary>θ as a map from free element to value, as the symbolic evaluator and the entropy sum take it.</summary>
    public Dictionary<Expr, double> AsMap(double[] theta)
    {
        var map = new Dictionary<Expr, double>(Count);
        for (var i = 0; i < Count; i++) map[Elements[i]] = theta[i];
        return map;
    }

    /// <summary>Every entry of a block (dependent ones included), row-major: the shape users read and write.</summary>
    public double[] FullBlock(BlockRange range, double[] theta)
    {
        var block = range.Block;
        var result = new double[block.Indices.Length];
        var map = AsMap(theta);
        for (var i = 0; i < block.Indices.Length; i++)
            result[i] = Symbolics.Evaluation.Evaluator.Evaluate(block.Element([.. block.Indices[i].Select(k => (Expr)Number.Of(k))]), map);
        return result;
    }

    /// <summary>The free elements of a block from all its entries (row-major), the inverse of <see cref="FullBlock"/>.</summary>
    public void SetFromFull(BlockRange range, double[] full, double[] theta)
    {
        var k = range.Start;
        for (var i = 0; i < range.Block.Indices.Length; i++)
            if (range.Block.IsFree(range.Block.Indices[i])) theta[k++] = full[i];
    }

    /// <summary>u for θ (θ inside its domain).</summary>
    public double[] ToUnconstrained(double[] theta)
    {
        var u = new double[Count];
        foreach (var range in Blocks)
            foreach (var group in Groups(range))
                switch (range.Block.Domain)
                {
                    case ParameterDomain.Positive: foreach (var i in group) u[i] = Math.Log(theta[i]); break;
                    case ParameterDomain.UnitInterval: foreach (var i in group) u[i] = Math.Log(theta[i]) - Math.Log(1 - theta[i]); break;
                    case ParameterDomain.Simplex:
                        var last = 1 - group.Sum(i => theta[i]);
                        foreach (var i in group) u[i] = Math.Log(theta[i]) - Math.Log(last);
                        break;
                    case ParameterDomain.PositiveDefinite:
                        var l = Cholesky(range, group, theta);
                        var n = l.GetLength(0);
                        var k = 0;
                        for (var r = 0; r < n; r++)
                            for (var c = r; c < n; c++, k++)
                                u[group[k]] = r == c ? Math.Log(l[r, r]) : l[c, r];
                        break;
                    default: foreach (var i in group) u[i] = theta[i]; break;
                }
        return u;
    }

    /// <summary>θ for u.</summary>
    public double[] FromUnconstrained(double[] u)
    {
        var theta = new double[Count];
        foreach (var range in Blocks)
            foreach (var group in Groups(range))
                switch (range.Block.Domain)
                {
                    case ParameterDomain.Positive: foreach (var i in group) theta[i] = Math.Exp(u[i]); break;
                    case ParameterDomain.UnitInterval: foreach (var i in group) theta[i] = Symbolics.Evaluation.SpecialFunctions.Sigmoid(u[i]); break;
                    case ParameterDomain.Simplex:
                        var max = Math.Max(0, group.Max(i => u[i]));
                        var total = Math.Exp(-max) + group.Sum(i => Math.Exp(u[i] - max));
                        foreach (var i in group) theta[i] = Math.Exp(u[i] - max) / total;
                        break;
                    case ParameterDomain.PositiveDefinite:
                        var l = Lower(group, u);
                        var n = l.GetLength(0);
                        var k = 0;
                        for (var r = 0; r < n; r++)
                            for (var c = r; c < n; c++, k++)
                            {
                                var s = 0.0;
                                for (var j = 0; j <= r; j++) s += l[r, j] * l[c, j];
                                theta[group[k]] = s;
                            }
                        break;
                    default: foreach (var i in group) theta[i] = u[i]; break;
                }
        return theta;
    }

    /// <summary>∂f/∂u from ∂f/∂θ at u (chain rule through <see cref="FromUnconstrained"/>).</summary>
    public double[] GradientInUnconstrained(double[] u, double[] theta, double[] gradTheta)
    {
        var g = new double[Count];
        foreach (var range in Blocks)
            foreach (var group in Groups(range))
                switch (range.Block.Domain)
                {
                    case ParameterDomain.Positive: foreach (var i in group) g[i] = gradTheta[i] * theta[i]; break;
                    case ParameterDomain.UnitInterval: foreach (var i in group) g[i] = gradTheta[i] * theta[i] * (1 - theta[i]); break;
                    case ParameterDomain.Simplex:
                        // θ_K = 1 − Σ θ_k is implicit in the free elements, so ∂θ_j/∂u_k = θ_j(δ_jk − θ_k) for j, k < K.
                        var mean = group.Sum(i => gradTheta[i] * theta[i]);
                        foreach (var i in group) g[i] = theta[i] * (gradTheta[i] - mean);
                        break;
                    case ParameterDomain.PositiveDefinite:
                        var l = Lower(group, u);
                        var n = l.GetLength(0);
                        // Σ = LLᵀ; with G the symmetric gradient (off-diagonal free elements stand for two entries), ∂f/∂L = 2GL.
                        var sym = new double[n, n];
                        var k = 0;
                        for (var r = 0; r < n; r++)
                            for (var c = r; c < n; c++, k++)
                                if (r == c) sym[r, r] = gradTheta[group[k]];
                                else sym[r, c] = sym[c, r] = gradTheta[group[k]] / 2;
                        k = 0;
                        for (var r = 0; r < n; r++)
                            for (var c = r; c < n; c++, k++)
                            {
                                // free element (r, c), r ≤ c, holds L[c, r]
                                var d = 0.0;
                                for (var j = 0; j < n; j++) d += sym[c, j] * l[j, r];
                                d *= 2;
                                g[group[k]] = r == c ? d * l[r, r] : d;
                            }
                        break;
                    default: foreach (var i in group) g[i] = gradTheta[i]; break;
                }
        return g;
    }

    /// <summary>
    /// A problem with θ's domain (π outside (0,1), weights that do not sum to one, a covariance that is not
    /// positive definite, a non-finite value), naming the block; null when θ is inside.
    /// </summary>
    public string? DomainProblem(double[] theta)
    {
        foreach (var range in Blocks)
        {
            var name = range.Block.Name;
            for (var i = range.Start; i < range.Start + range.Count; i++)
                if (!double.IsFinite(theta[i])) return $"{Elements[i]} is {theta[i]}, not a finite number";
            foreach (var group in Groups(range))
                switch (range.Block.Domain)
                {
                    case ParameterDomain.Positive or ParameterDomain.UnitInterval or ParameterDomain.Simplex:
                        foreach (var i in group)
                            if (EntryProblem(range.Block.Domain, theta[i]) is { } problem) return $"{Elements[i]} = {Format(theta[i])} {problem}";
                        if (range.Block.Domain == ParameterDomain.Simplex && !(1 - group.Sum(i => theta[i]) > 0))
                            return $"the weights of {name} leave nothing for the last entry";
                        break;
                    case ParameterDomain.PositiveDefinite:
                        if (TryCholesky(range, group, theta) is null) return $"{name}{GroupLabel(range, group)} is not positive definite";
                        break;
                }
        }
        return null;
    }

    /// <summary>Why one entry <paramref name="value"/> lies outside <paramref name="domain"/> ("is not positive"), or null.</summary>
    public static string? EntryProblem(ParameterDomain domain, double value) => domain switch
    {
        ParameterDomain.Positive when !(value > 0) => "is not positive",
        ParameterDomain.UnitInterval or ParameterDomain.Simplex when !(value > 0 && value < 1) => "is outside (0, 1)",
        _ => null,
    };

    /// <summary>A random θ inside the domain: what a fresh training run starts from; <paramref name="scale"/> widens real and positive values (true parameters use 3).</summary>
    public double[] Random(Random random, double scale = 1)
    {
        var theta = new double[Count];
        foreach (var range in Blocks)
            foreach (var group in Groups(range))
                switch (range.Block.Domain)
                {
                    case ParameterDomain.Positive: foreach (var i in group) theta[i] = 0.5 + scale * random.NextDouble(); break;
                    case ParameterDomain.UnitInterval: foreach (var i in group) theta[i] = 0.2 + 0.6 * random.NextDouble(); break;
                    case ParameterDomain.Simplex:
                        var w = group.Select(_ => 0.5 + random.NextDouble()).Append(0.5 + random.NextDouble()).ToArray();
                        var total = w.Sum();
                        for (var k = 0; k < group.Count; k++) theta[group[k]] = w[k] / total;
                        break;
                    case ParameterDomain.PositiveDefinite:
                        var n = MatrixSize(group.Count);
                        var k2 = 0;
                        for (var r = 0; r < n; r++)
                            for (var c = r; c < n; c++, k2++)
                                theta[group[k2]] = r == c ? 1 + random.NextDouble() : 0.4 * (random.NextDouble() - 0.5);
                        break;
                    default: foreach (var i in group) theta[i] = scale * (2 * random.NextDouble() - 1); break;
                }
        return theta;
    }

    /// <summary>The groups of θ positions a domain constrains jointly (one per element for scalar domains).</summary>
    public IEnumerable<List<int>> Groups(BlockRange range)
    {
        var block = range.Block;
        if (block.Domain is not (ParameterDomain.Simplex or ParameterDomain.PositiveDefinite))
        {
            yield return [.. Enumerable.Range(range.Start, range.Count)];
            yield break;
        }
        var lead = block.Domain == ParameterDomain.Simplex ? 1 : 2;
        var free = block.Indices.Where(block.IsFree).ToList();
        var k = range.Start;
        foreach (var group in free.GroupBy(i => string.Join(",", i.Take(i.Length - lead))))
        {
            var positions = new List<int>();
            foreach (var _ in group) positions.Add(k++);
            yield return positions;
        }
    }

    private string GroupLabel(BlockRange range, List<int> group)
    {
        var first = Elements[group[0]];
        var lead = first.Indices.Length - 2;
        return lead == 0 ? "" : $"[{string.Join(",", first.Indices.Take(lead))}, :, :]";
    }

    private static int MatrixSize(int freeCount) => (int)Math.Round((Math.Sqrt(8 * freeCount + 1) - 1) / 2);

    private static double[,] Lower(List<int> group, double[] u)
    {
        var n = MatrixSize(group.Count);
        var l = new double[n, n];
        var k = 0;
        for (var r = 0; r < n; r++)
            for (var c = r; c < n; c++, k++)
                l[c, r] = r == c ? Math.Exp(u[group[k]]) : u[group[k]];
        return l;
    }

    private double[,] Cholesky(BlockRange range, List<int> group, double[] theta) =>
        TryCholesky(range, group, theta) ?? throw new ArgumentException($"{range.Block.Name} is not positive definite");

    private static double[,]? TryCholesky(BlockRange range, List<int> group, double[] theta)
    {
        var n = MatrixSize(group.Count);
        var a = new double[n, n];
        var k = 0;
        for (var r = 0; r < n; r++)
            for (var c = r; c < n; c++, k++)
                a[r, c] = a[c, r] = theta[group[k]];
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var s = a[j, j];
            for (var p = 0; p < j; p++) s -= l[j, p] * l[j, p];
            if (!(s > 0)) return null;
            l[j, j] = Math.Sqrt(s);
            for (var i = j + 1; i < n; i++)
            {
                var t = a[i, j];
                for (var p = 0; p < j; p++) t -= l[i, p] * l[j, p];
                l[i, j] = t / l[j, j];
            }
        }
        return l;
    }

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where one parameter block's free elements lie in θ.</summary>
/// <param name="Block">The block.</param>
/// <param name="Start">The first position.</param>
/// <param name="Count">How many free elements.</param>
public sealed record BlockRange(ParameterBlock Block, int Start, int Count);
