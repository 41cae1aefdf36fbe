using System.Runtime.CompilerServices;
using Warehouse.Etl.Parsing;

namespace Warehouse.Tests.Etl.Parsing;

/// <summary>
/// <see cref="GridCell"/> keeps its stored number's flag and the percent flag in the top bits of its span width, and
/// <see cref="RawCell"/> its value beside a flag: every property reads back what was set, alone or changed with
/// <c>with</c>, and the cells stay as small as their layout says.
/// </summary>
[TestFixture]
public sealed class CellLayoutTests
{
    [Test]
    public void A_grid_cell_reads_back_every_property_it_was_made_with()
    {
        var cell = new GridCell("12.3%", "B2", 1, 3, 0.123, true);
        Assert.Multiple(() =>
        {
            Assert.That(cell.Text, Is.EqualTo("12.3%"));
            Assert.That(cell.Location, Is.EqualTo("B2"));
            Assert.That(cell.SpanStart, Is.EqualTo(1));
            Assert.That(cell.SpanWidth, Is.EqualTo(3));
            Assert.That(cell.Stored, Is.EqualTo(0.123));
            Assert.That(cell.IsPercent, Is.True);
            Assert.That(cell.IsBlank, Is.False);
        });
    }

    [Test]
    public void Changing_one_of_width_stored_number_and_percent_flag_leaves_the_other_two()
    {
        var cell = new GridCell(string.Empty, "B2", 1, 3, 0.5, true);
        var narrower = cell with { SpanWidth = 536_870_911 }; // every width bit set
        var unstored = cell with { Stored = null };
        var plain = cell with { IsPercent = false };
        var zero = new GridCell("0", "C3", 2, 1) with { Stored = 0.0 };
        Assert.Multiple(() =>
        {
            Assert.That((narrower.SpanWidth, narrower.Stored, narrower.IsPercent), Is.EqualTo((536_870_911, (double?)0.5, true)));
            Assert.That((unstored.SpanWidth, unstored.Stored, unstored.IsPercent), Is.EqualTo((3, (double?)null, true)));
            Assert.That((plain.SpanWidth, plain.Stored, plain.IsPercent), Is.EqualTo((3, (double?)0.5, false)));
            Assert.That(unstored.IsBlank, Is.True, "blank text and no stored number");
            Assert.That(cell.IsBlank, Is.False, "a stored number is not blank whatever the text");
            Assert.That((zero.Stored, zero.SpanWidth, zero.IsPercent), Is.EqualTo(((double?)0.0, 1, false)), "a stored zero is a stored number");
            Assert.That(cell with { IsPercent = false, Stored = null }, Is.EqualTo(new GridCell(string.Empty, "B2", 1, 3)));
            Assert.That(cell, Is.Not.EqualTo(plain));
        });
    }

    [TestCase(-1)]
    [TestCase(536_870_912)]
    public void A_span_width_outside_its_bits_is_refused(int width)
    {
        Assert.That(() => new GridCell("x", "A1", 0, width), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("SpanWidth"));
        Assert.That(() => new GridCell("x", "A1", 0, 1) with { SpanWidth = width }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_raw_cell_reads_back_its_value_set_or_cleared()
    {
        var cell = new RawCell("1,234", 1234, false, false, "row 3, col 2", "a", "%");
        var missing = cell with { Value = null, IsMissing = true };
        Assert.Multiple(() =>
        {
            Assert.That((cell.Raw, cell.Value, cell.IsMissing, cell.IsInvalid, cell.Location, cell.Note, cell.Unit),
                Is.EqualTo(("1,234", (double?)1234, false, false, "row 3, col 2", (string?)"a", (string?)"%")));
            Assert.That((missing.Value, missing.IsMissing, missing.Raw), Is.EqualTo(((double?)null, true, "1,234")));
            Assert.That((cell with { Value = 0 }).Value, Is.EqualTo(0.0), "zero is a value, not missing");
            Assert.That(missing with { Value = 1234, IsMissing = false }, Is.EqualTo(cell));
        });
    }

    [Test]
    public void The_cells_are_as_small_as_their_layout_says()
    {
        // One per displayed cell (grid) and one per data cell (table): a page holds hundreds of each.
        Assert.Multiple(() =>
        {
            Assert.That(Unsafe.SizeOf<GridCell>(), Is.EqualTo(32));
            Assert.That(Unsafe.SizeOf<RawCell>(), Is.EqualTo(48));
        });
    }
}
