using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Numerics;

/// <summary>
/// The model's variables as flat coordinate vectors: every latent coordinate (factors in dependency
/// order, elements row-major; a categorical latent is one coordinate holding its category 1..K) and
/// every observable coordinate (the data's columns).
/// </summary>
public sealed class LatentLayout
{
    /// <summary>The layout of <paramref name="model"/>.</summary>
    public LatentLayout(Model model)
    {
        var latents = ImmutableArray.CreateBuilder<LatentCoordinate>();
        foreach (var factor in model.Factors.Where(f => f.Role != FactorRole.Observable))
            foreach (var element in factor.Elements)
                foreach (var symbol in element.Variable)
                    latents.Add(new LatentCoordinate(symbol, factor));
        Latents = latents.ToImmutable();
        Observed = [.. model.Observable.Elements.SelectMany(e => e.Variable)];
    }

    /// <summary>The latent coordinates.</summary>
    public ImmutableArray<LatentCoordinate> Latents { get; }

    /// <summary>The observable coordinates: the data's columns, in order.</summary>
    public ImmutableArray<Symbol> Observed { get; }

    /// <summary>True when every latent is discrete with finitely many values.</summary>
    public bool AllDiscrete => Latents.All(l => l.Support.Kind is SupportKind.Binary or SupportKind.Categorical or SupportKind.BoundedCount);

    /// <summary>True when every latent is continuous.</summary>
    public bool AllContinuous => Latents.All(l => !l.Support.IsDiscrete);
}

/// <summary>One latent coordinate.</summary>
/// <param name="Symbol">Its symbol (z[2]; c for a categorical).</param>
/// <param name="Factor">The factor it belongs to.</param>
public sealed record LatentCoordinate(Symbol Symbol, Factor Factor)
{
    /// <summary>Where its values lie.</summary>
    public Support Support => Factor.Family.Support;

    /// <summary>Its values when it is discrete and finite (category numbers 1..K for a categorical).</summary>
    public IReadOnlyList<double> Values => Support.Kind switch
    {
        SupportKind.Binary => [0, 1],
        SupportKind.Categorical => [.. Enumerable.Range(1, Support.Size).Select(k => (double)k)],
        SupportKind.BoundedCount => [.. Enumerable.Range(0, Support.Size + 1).Select(k => (double)k)],
        _ => throw new InvalidOperationException($"{Symbol} is not finite"),
    };
}
