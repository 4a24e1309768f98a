using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// Random points where a model is defined: parameters inside their domains (simplex weights that sum
/// to one, covariances that are positive definite) and latents on their supports. Seeded, so the
/// kernel's answers are reproducible.
/// </summary>
public sealed class PointSampler(Model model, int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A value for every free parameter element of the model (and for each whole block).</summary>
    public Dictionary<Expr, double> Parameters()
    {
        var values = new Dictionary<Expr, double>();
        foreach (var block in model.Parameters)
        {
            if (block.Domain is not (ParameterDomain.Simplex or ParameterDomain.PositiveDefinite))
            {
                foreach (var element in block.FreeElements) values[element] = Scalar(block.Domain);
                // The whole block, as an opaque function sees it — unless the block is a scalar, whose one
                // element is that same symbol and keeps its value in the domain.
                values.TryAdd(Symbol.Of(block.Name), random.NextDouble() + 0.5);
                continue;
            }
            var groups = block.Indices.GroupBy(i => string.Join(",", i.Take(block.Domain == ParameterDomain.PositiveDefinite ? i.Length - 2 : Math.Max(0, i.Length - 1))));
            foreach (var group in groups)
            {
                var indices = group.ToList();
                switch (block.Domain)
                {
                    case ParameterDomain.Simplex:
                        var weights = indices.Select(_ => 0.2 + random.NextDouble()).ToArray();
                        var total = weights.Sum();
                        for (var k = 0; k < indices.Count; k++)
                            if (block.IsFree(indices[k])) values[Symbol.Of(block.Name, indices[k].ToArray())] = weights[k] / total;
                        break;
                    case ParameterDomain.PositiveDefinite:
                        // Diagonally dominant, hence positive definite.
                        var n = block.Shape[^1].Size;
                        foreach (var index in indices.Where(block.IsFree))
                            values[Symbol.Of(block.Name, index.ToArray())] = index[^1] == index[^2] ? n + random.NextDouble() : random.NextDouble() - 0.5;
                        break;
                    default:
                        foreach (var index in indices) values[Symbol.Of(block.Name, index.ToArray())] = Scalar(block.Domain);
                        break;
                }
            }
            values[Symbol.Of(block.Name)] = random.NextDouble() + 0.5; // the whole block, as an opaque function sees it
        }
        return values;
    }

    /// <summary>A value for every element of every latent variable, drawn from its family's support.</summary>
    public Dictionary<Expr, double> Latents()
    {
        var values = new Dictionary<Expr, double>();
        foreach (var factor in model.Factors.Where(f => f.Role != FactorRole.Observable))
        {
            var support = factor.Family.Support;
            values[Symbol.Of(factor.Variable)] = random.NextDouble() + 0.5; // the whole block, as an opaque function sees it
            foreach (var element in factor.Elements)
                foreach (var v in element.Variable)
                    values[v] = support.Kind switch
                    {
                        SupportKind.Binary => random.Next(2),
                        SupportKind.Categorical => random.Next(1, support.Size + 1),
                        SupportKind.BoundedCount => random.Next(support.Size + 1),
                        SupportKind.Count => random.Next(8),
                        SupportKind.Positive => 0.2 + 2 * random.NextDouble(),
                        SupportKind.UnitInterval => 0.05 + 0.9 * random.NextDouble(),
                        _ => 4 * random.NextDouble() - 2,
                    };
        }
        return values;
    }

    private double Scalar(ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => 0.3 + 2 * random.NextDouble(),
        ParameterDomain.UnitInterval => 0.05 + 0.9 * random.NextDouble(),
        _ => 2 * random.NextDouble() - 1,
    };
}
