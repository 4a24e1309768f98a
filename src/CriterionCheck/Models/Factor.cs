using System.Collections.Immutable;
using CriterionCheck.Families;

namespace CriterionCheck.Models;

/// <summary>
/// One factor p(v | pa(v)) of the model: an exponential family over the variable block v, with natural
/// parameters per plate element.
/// </summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Role">Prior, latent layer or observable.</param>
/// <param name="Axes">Plates and vector axes.</param>
/// <param name="Family">The family at this factor's dimension.</param>
/// <param name="Declaration">The left-hand side as written, e.g. <c>z[h in H]</c>.</param>
/// <param name="Distribution">The right-hand side as written, e.g. <c>Bernoulli(pi[h])</c>.</param>
/// <param name="Parents">The latent variables its natural parameters depend on.</param>
/// <param name="Parameters">The parameter blocks its natural parameters depend on.</param>
/// <param name="Elements">One element per plate value, in row-major order.</param>
/// <param name="Line">The line of the statement.</param>
public sealed record Factor(string Variable, FactorRole Role, ImmutableArray<Axis> Axes, ExponentialFamily Family, string Declaration,
    string Distribution, ImmutableArray<string> Parents, ImmutableArray<string> Parameters, ImmutableArray<FactorElement> Elements, int Line)
{
    /// <summary>The plates only.</summary>
    public IEnumerable<Axis> Plates => Axes.Where(a => a.IsPlate);

    /// <summary>True when the variable is a categorical index (usable as an index of parameters).</summary>
    public bool IsCategorical => Family.Support.Kind == SupportKind.Categorical;
}
