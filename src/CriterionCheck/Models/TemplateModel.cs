using System.Collections.Immutable;
using CriterionCheck.Symbolics.Domains;

namespace CriterionCheck.Models;

/// <summary>
/// A model with symbolic sizes, so that what is proved of it holds for every size: each factor a
/// <see cref="TemplateFactor"/>, in the model's factor order.
/// </summary>
/// <param name="Factors">The factor templates, in the model's order.</param>
/// <param name="Assumptions">Domains by name, size symbols positive, simplex blocks with their symbolic last axes.</param>
public sealed record TemplateModel(ImmutableArray<TemplateFactor> Factors, DomainAssumptions Assumptions)
{
    /// <summary>The template of factor <paramref name="variable"/>.</summary>
    public TemplateFactor Factor(string variable) => Factors.Single(f => f.Variable == variable);
}
