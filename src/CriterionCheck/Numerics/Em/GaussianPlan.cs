using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// A multivariate normal observable, x ~ MvNormal(mean, covariance), read from its standard arguments
/// only: per value of the categorical latents that index it, which θ entries (or constants) are the mean
/// and which free θ entries are the covariance's upper triangle. Everything numeric about it — log
/// densities, moments, the M-step, gradients and entropies — goes through Cholesky factors of those
/// entries (<see cref="GaussianMixtureEm"/>), never through the family's symbolic natural parameters.
/// </summary>
public sealed class GaussianPlan
{
    private GaussianPlan(Factor factor, int index, ImmutableArray<int> parents, ImmutableArray<int> sizes, ImmutableArray<int> columns, ImmutableArray<Slice> variants)
    {
        Factor = factor;
        Index = index;
        CategoricalParents = parents;
        ParentSizes = sizes;
        Columns = columns;
        Variants = variants;
    }

    /// <summary>The factor.</summary>
    public Factor Factor { get; }

    /// <summary>Its position in the model's factors.</summary>
    public int Index { get; }

    /// <summary>D.</summary>
    public int Dimension => Columns.Length;

    /// <summary>The data columns of the variable's coordinates.</summary>
    public ImmutableArray<int> Columns { get; }

    /// <summary>Positions (in the layout's latents) of the categorical latents that index the arguments.</summary>
    public ImmutableArray<int> CategoricalParents { get; }

    /// <summary>Their sizes.</summary>
    public ImmutableArray<int> ParentSizes { get; }

    /// <summary>One slice per joint value of <see cref="CategoricalParents"/>.</summary>
    public ImmutableArray<Slice> Variants { get; }

    /// <summary>The variant for latent values <paramref name="latents"/>.</summary>
    public int VariantOf(ReadOnlySpan<double> latents)
    {
        var v = 0;
        for (var i = 0; i < CategoricalParents.Length; i++) v = v * ParentSizes[i] + (int)latents[CategoricalParents[i]] - 1;
        return v;
    }

    /// <summary>
    /// The plan for an MvNormal observable whose mean entries are parameters or constants and whose
    /// covariance is a slice of a positive-definite parameter, at every value of the categorical
    /// latents indexing them; otherwise null and the reason.
    /// </summary>
    public static GaussianPlan? TryCreate(Model model, Factor factor, int index, LatentLayout layout, ParameterSpace space, Normalizer normalizer, out string? reason)
    {
        reason = null;
        if (factor.Elements.Length != 1) { reason = "a multivariate normal over a plate is not supported by EM"; return null; }
        var element = factor.Elements[0];
        var d = element.Variable.Length;
        var categorical = layout.Latents.Select((l, i) => (l, i))
            .Where(p => p.l.Support.Kind == SupportKind.Categorical && factor.Parents.Contains(p.l.Factor.Variable)).ToList();
        if (factor.Parents.Any(p => categorical.All(c => c.l.Factor.Variable != p)))
        {
            reason = "the multivariate normal's arguments depend on latents other than categorical indices";
            return null;
        }
        var sizes = categorical.Select(p => p.l.Support.Size).ToImmutableArray();
        var count = sizes.Aggregate(1L, (a, k) => a * k);
        var slices = new List<Slice>();
        for (var v = 0; v < count; v++)
        {
            var substitution = new Dictionary<Expr, Expr>();
            var rest = v;
            for (var i = categorical.Count - 1; i >= 0; i--)
            {
                substitution[categorical[i].l.Symbol] = Number.Of(rest % sizes[i] + 1);
                rest /= sizes[i];
            }
            var args = element.Arguments.Select(a => NumericExpressions.Prepare(model, a, substitution, normalizer)).ToList();
            var mean = new int[d];
            var constants = new double[d];
            for (var i = 0; i < d; i++)
            {
                switch (args[i])
                {
                    case Number n: mean[i] = -1; constants[i] = n.Value.ToDouble(); break;
                    case Symbol s when space.Index.TryGetValue(s, out var at): mean[i] = at; break;
                    default: reason = $"the multivariate normal's mean entry {args[i]} is neither a parameter nor a constant"; return null;
                }
            }
            var covariance = new int[d * (d + 1) / 2];
            var t = 0;
            for (var i = 0; i < d; i++)
                for (var j = i; j < d; j++, t++)
                {
                    if (args[d + i * d + j] is not Symbol s || !space.Index.TryGetValue(s, out var at) || !args[d + j * d + i].Equals(s)
                        || model.Parameter(s.Name).Domain != ParameterDomain.PositiveDefinite)
                    {
                        reason = $"the multivariate normal's covariance entry [{i + 1},{j + 1}] is not an entry of a positive-definite parameter";
                        return null;
                    }
                    covariance[t] = at;
                }
            if (covariance.Distinct().Count() != covariance.Length) { reason = "the multivariate normal's covariance repeats an entry"; return null; }
            slices.Add(new Slice([.. mean], [.. constants], [.. covariance]));
        }
        var positions = layout.Observed.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        return new GaussianPlan(factor, index, [.. categorical.Select(p => p.i)], sizes, [.. element.Variable.Select(s => positions[s])], [.. slices]);
    }

    /// <summary>Where one variant's arguments are in θ.</summary>
    /// <param name="Mean">θ index of each mean entry, −1 for a constant.</param>
    /// <param name="Constants">The constant mean entries (0 where the entry is a parameter).</param>
    /// <param name="Covariance">θ index of each upper-triangle covariance entry, row by row.</param>
    public sealed record Slice(ImmutableArray<int> Mean, ImmutableArray<double> Constants, ImmutableArray<int> Covariance)
    {
        /// <summary>The mean at <paramref name="theta"/>.</summary>
        public double[] MeanAt(double[] theta) => [.. Mean.Select((at, i) => at < 0 ? Constants[i] : theta[at])];

        /// <summary>The covariance at <paramref name="theta"/>, D×D row-major.</summary>
        public double[] CovarianceAt(double[] theta)
        {
            var d = Mean.Length;
            var sigma = new double[d * d];
            var t = 0;
            for (var i = 0; i < d; i++)
                for (var j = i; j < d; j++, t++) sigma[i * d + j] = sigma[j * d + i] = theta[Covariance[t]];
            return sigma;
        }
    }
}
