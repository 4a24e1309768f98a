using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Spec;

namespace CriterionCheck.Models;

/// <summary>A latent or observable as declared, before its factor is built.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Order">Its position among the spec's statements.</param>
/// <param name="Axes">Its plates and vector axes, sizes resolved.</param>
/// <param name="Definition">Its family.</param>
/// <param name="Categories">For a categorical variable, the number of categories (so it can index parameter axes).</param>
internal sealed record VariableDeclaration(FactorStatement Statement, int Order, ImmutableArray<Axis> Axes, FamilyDefinition Definition, int? Categories);
