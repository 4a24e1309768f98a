using System.Collections.Immutable;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// A set of θ entries that no factor element shares with any other set: given q, the complete-data
/// objective is a sum of one term per group, so its Hessian is block-diagonal over groups and each
/// group's M-step is a small problem of its own (per element of an SBN's observable: W[d, :], mu[d];
/// per mixture component and coordinate: p[c, d]).
/// </summary>
/// <param name="Id">Its position in <see cref="EmStructure.Groups"/>.</param>
/// <param name="Theta">Its θ entries, ascending.</param>
/// <param name="Uses">The factor elements whose natural parameters involve it.</param>
/// <param name="ClosedForm">How its M-step is solved in closed form (moment matching); null when it takes Newton steps.</param>
public sealed record ParameterGroup(int Id, ImmutableArray<int> Theta, ImmutableArray<ElementUse> Uses, ClosedFormPattern? ClosedForm)
{
    /// <summary>Where each of its θ entries sits in the group's own vector.</summary>
    public int LocalIndex(int theta) => Theta.BinarySearch(theta);
}

/// <summary>One factor element at one categorical variant.</summary>
/// <param name="Plan">The factor's plan: an index into <see cref="EmStructure.Plans"/>, or −1 for the Gaussian observable.</param>
/// <param name="Variant">The variant.</param>
/// <param name="Element">The element.</param>
public sealed record ElementUse(int Plan, int Variant, int Element);

/// <summary>
/// A group whose factor elements all take the same arguments, each a parameter of the group, a constant
/// or implied by the others (a simplex's last weight): its M-step is the family's moment matching.
/// </summary>
/// <param name="Plan">The factor's plan (−1 for the Gaussian observable).</param>
/// <param name="Entries">θ index of each argument entry in the family's order, −1 for a constant or an implied entry.</param>
/// <param name="Constants">The constant entries' values (NaN for implied ones, 0 where the entry is a parameter).</param>
public sealed record ClosedFormPattern(int Plan, ImmutableArray<int> Entries, ImmutableArray<double> Constants);
