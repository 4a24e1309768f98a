using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// One natural parameter of one factor element, with categorical indices fixed (mu[c, d] becomes
/// mu[2, d] for c = 2): the unit the solvers work on.
/// </summary>
/// <param name="Factor">The factor's variable name.</param>
/// <param name="Element">The element's position in the factor.</param>
/// <param name="Natural">The natural parameter's position.</param>
/// <param name="Categorical">The categorical latents' values fixed in this row.</param>
/// <param name="Eta">The natural parameter with those values.</param>
public sealed record NaturalRow(string Factor, int Element, int Natural, ImmutableDictionary<Expr, int> Categorical, Expr Eta)
{
    private IReadOnlyList<Symbol>? symbols;

    /// <summary>The symbols of <see cref="Eta"/>, computed once (the subset search asks for them many times).</summary>
    public IReadOnlyList<Symbol> Symbols => symbols ??= Eta.Symbols();

    /// <summary>Every row of the factors in <paramref name="factors"/>, categorical indices expanded value by value.</summary>
    public static List<NaturalRow> Of(Model model, IEnumerable<string> factors)
    {
        var rows = new List<NaturalRow>();
        foreach (var factor in factors.Select(name => model.Factors.Single(f => f.Variable == name)))
            for (var e = 0; e < factor.Elements.Length; e++)
                for (var k = 0; k < factor.Elements[e].NaturalParameters.Length; k++)
                {
                    var eta = factor.Elements[e].NaturalParameters[k];
                    var indices = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToList();
                    var sizes = indices.Select(s => model.Factors.Single(f => f.Variable == s.Name).Family.Support.Size).ToList();
                    foreach (var values in IndexTuples.Over(sizes))
                    {
                        var fixedValues = indices.Select((s, i) => (Key: (Expr)s, Value: values[i])).ToImmutableDictionary(p => p.Key, p => p.Value);
                        var instance = indices.Count == 0 ? eta : CategoricalValues.Substitute(model, eta, fixedValues.ToDictionary(p => p.Key, p => (Expr)Number.Of(p.Value)));
                        rows.Add(new NaturalRow(factor.Variable, e, k, fixedValues, instance));
                    }
                }
        return rows;
    }
}
