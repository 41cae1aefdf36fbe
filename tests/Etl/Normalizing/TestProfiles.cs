using Warehouse.Etl.Config.Profiles;
using Warehouse.Etl.Normalizing;

namespace Warehouse.Tests.Etl.Normalizing;

/// <summary>The bundled profiles (profiles/*.yml copied beside the binary) by name, for tests that apply one directly.</summary>
internal static class TestProfiles
{
    public static TableProfile UrbanEmploymentBySector => ProfileLoader.Bundled.Get("urban_employment_by_sector");

    public static TableProfile HighTechExportDelivery => ProfileLoader.Bundled.Get("hightech_export_delivery");

    public static TableProfile HighTechEmployment => ProfileLoader.Bundled.Get("hightech_employment");

    public static TableProfile NbsProvincialIndicator => ProfileLoader.Bundled.Get("nbs_provincial_indicator");

    public static TableProfile YearbookProvincialIndicator => ProfileLoader.Bundled.Get("yearbook_provincial_indicator");
}
