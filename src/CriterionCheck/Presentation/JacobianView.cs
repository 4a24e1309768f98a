using System.Collections.Immutable;

namespace CriterionCheck.Presentation;

/// <summary>
/// What a report shows of one factor's Jacobian. At concrete sizes it has a shape and a count of
/// nonzero entries, and lists them all when there are few; for every size the entries are templates
/// and there is no shape.
/// </summary>
/// <param name="Rows">Rows at concrete sizes, or null for templates.</param>
/// <param name="Columns">Columns at concrete sizes, or null.</param>
/// <param name="Nonzero">Nonzero entries at concrete sizes, or null.</param>
/// <param name="Entries">The entries shown.</param>
/// <param name="Complete">True when <see cref="Entries"/> are all nonzero entries.</param>
public sealed record JacobianView(int? Rows, int? Columns, int? Nonzero, ImmutableArray<JacobianEntry> Entries, bool Complete);
