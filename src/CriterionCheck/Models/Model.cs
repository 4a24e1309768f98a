using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Symbolics.Domains;

namespace CriterionCheck.Models;

/// <summary>
/// A parsed, checked model: sizes, parameter blocks, opaque functions, and the factors in dependency
/// order (priors first, the observable last), each with its natural parameters per plate element.
/// </summary>
/// <param name="Title">The model's title.</param>
/// <param name="SourceName">The file it came from.</param>
/// <param name="Dimensions">The sizes, in declaration order.</param>
/// <param name="Parameters">The parameter blocks, in declaration order.</param>
/// <param name="Functions">The opaque functions.</param>
/// <param name="Families">The families declared in the spec.</param>
/// <param name="Factors">The factors in dependency order.</param>
/// <param name="ExpectSatisfied">The author's claim: true for <c>expect satisfied</c>, false for <c>expect violated</c>, null when the spec makes none.</param>
/// <param name="Assumptions">Domains of parameters and latents by name, for the symbolic engine.</param>
public sealed record Model(string Title, string SourceName, ImmutableArray<Dimension> Dimensions, ImmutableArray<ParameterBlock> Parameters,
    ImmutableArray<OpaqueFunction> Functions, ImmutableArray<FamilyDefinition> Families, ImmutableArray<Factor> Factors, bool? ExpectSatisfied,
    DomainAssumptions Assumptions)
{
    /// <summary>The model for all sizes, or null when the spec says something a template cannot state (<see cref="TemplateProblem"/>).</summary>
    public TemplateModel? Template { get; init; }

    /// <summary>The spec the model was built from (to rebuild it at other sizes), or null for a model built otherwise.</summary>
    public Spec.SpecDocument? Document { get; init; }

    /// <summary>
    /// The factors with a matrix inverse kept whole (a multivariate normal) above
    /// <see cref="Families.MultivariateNormalFamily.ConcreteCheckDimension"/>, which the concrete check leaves to
    /// the proof for every size.
    /// </summary>
    public IEnumerable<Factor> FactorsAboveConcreteDimension =>
        Factors.Where(f => f.Family.KeepsMatricesWhole && f.Family.Variable.Length > CriterionCheck.Families.MultivariateNormalFamily.ConcreteCheckDimension);

    /// <summary>Why there is no <see cref="Template"/>, or null.</summary>
    public string? TemplateProblem { get; init; }

    /// <summary>The claim as reports write it: "satisfied", "violated" or "no claim".</summary>
    public string Claim => ExpectSatisfied switch { true => "satisfied", false => "violated", null => "no claim" };

    /// <summary>The observable's factor.</summary>
    public Factor Observable => Factors.Single(f => f.Role == FactorRole.Observable);

    /// <summary>The parameter block named <paramref name="name"/>.</summary>
    public ParameterBlock Parameter(string name) => Parameters.Single(p => p.Name == name);

    /// <summary>Parameter blocks used by more than one factor (their factors need a joint system).</summary>
    public ImmutableArray<string> TiedParameters =>
        [.. Parameters.Select(p => p.Name).Where(p => Factors.Count(f => f.Parameters.Contains(p)) > 1)];
}
