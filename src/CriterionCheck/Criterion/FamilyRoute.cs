using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Criterion;

/// <summary>
/// The family's own solution of condition A (<see cref="Families.ExponentialFamily.ConditionA"/>), when a
/// factor's arguments are parameter entries themselves — Categorical(pi), Categorical(T[c]) — so that η
/// depends on the parameters only as the family's natural map does and the family's α serves every
/// element (and every value of a categorical parent). A dense system such as the categorical's is
/// solved in closed form instead of by elimination; the kernel proves the result as usual.
/// </summary>
public static class FamilyRoute
{
    /// <summary>The coefficients for θ = <paramref name="theta"/>, or null when the route does not apply.</summary>
    public static IReadOnlyDictionary<Expr, Expr>? TrySolve(Model model, IReadOnlyList<string> factors, ImmutableArray<string> theta)
    {
        if (factors.Count != 1) return null;
        var factor = model.Factors.Single(f => f.Variable == factors[0]);
        var family = factor.Family;
        if (family.ConditionA.IsEmpty || !theta.SequenceEqual(factor.Parameters.Where(theta.Contains)) || theta.Length != factor.Parameters.Length) return null;
        var entries = family.Parameters.SelectMany(p => p.Entries).ToList();
        var free = entries.Where(e => !family.Constraints.ContainsKey(e)).ToList();
        if (free.Count != family.ConditionA.Length) return null;
        var freeElements = model.Parameters.Where(b => theta.Contains(b.Name)).SelectMany(b => b.FreeElements).ToHashSet();
        var categorical = model.Factors.Where(f => f.IsCategorical).ToDictionary(f => (Expr)Symbol.Of(f.Variable), f => f.Family.Support.Size);
        var solution = new Dictionary<Expr, Expr>();
        foreach (var element in factor.Elements)
        {
            var parents = element.Arguments.SelectMany(a => a.Symbols()).Where(categorical.ContainsKey).Distinct().ToList();
            foreach (var values in IndexTuples.Over([.. parents.Select(p => categorical[p])]))
            {
                var fix = parents.Select((p, i) => (p, values[i])).ToDictionary(x => (Expr)x.p, x => (Expr)Number.Of(x.Item2));
                var arguments = element.Arguments.Select(a => fix.Count == 0 ? a : CategoricalValues.Substitute(model, a, fix)).ToList();
                var map = entries.Select((e, i) => (e, arguments[i])).ToDictionary(x => (Expr)x.e, x => x.Item2);
                // Dependent entries must be what the family's constraint makes of the free ones.
                foreach (var (entry, constraint) in family.Constraints)
                    if (!Substitution.Substitute(constraint, map).Equals(map[entry])) return null;
                for (var i = 0; i < free.Count; i++)
                {
                    if (map[free[i]] is not Symbol argument || !freeElements.Contains(argument)) return null;
                    var coefficient = Substitution.Substitute(family.ConditionA[i], map);
                    if (solution.TryGetValue(argument, out var known) && !known.Equals(coefficient)) return null;
                    solution[argument] = coefficient;
                }
            }
        }
        return solution;
    }
}
