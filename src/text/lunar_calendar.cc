#include "text/lunar_calendar.h"

#include <cmath>
#include <cstdint>
#include <string>

// The astronomy is the algorithm Hồ Ngọc Đức published for the Vietnamese
// calendar (new moons and solar longitude after Jean Meeus, "Astronomical
// Algorithms", truncated series): accurate to minutes, which decides the day
// except for a new moon or a solar term within minutes of local midnight.

namespace thads::text {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr double kPi = 3.14159265358979323846;
constexpr double kSynodicMonth = 29.530588853;     // mean days between new moons
constexpr double kLunation0 = 2415021.076998695;   // mean new moon, 1900-01-01
constexpr std::int64_t kJdnOfUnixEpoch = 2440588;  // 1970-01-01

std::int64_t JdnFromDate(year_month_day d) {
  return sys_days(d).time_since_epoch().count() + kJdnOfUnixEpoch;
}

year_month_day DateFromJdn(std::int64_t jdn) {
  return year_month_day(sys_days(days(jdn - kJdnOfUnixEpoch)));
}

std::string TwoDigits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string FormatDate(year_month_day d) {
  return std::to_string(static_cast<int>(d.year())) + "-" +
         TwoDigits(static_cast<unsigned>(d.month())) + "-" +
         TwoDigits(static_cast<unsigned>(d.day()));
}

std::string FormatLunar(const LunarDate& d) {
  return std::to_string(d.day) + "/" + std::to_string(d.month) +
         (d.leap_month ? " nhuận" : "") + "/" + std::to_string(d.year);
}

// Julian Ephemeris Day of the k-th new moon after 1900-01-01, minus ΔT (so UT).
double NewMoonJd(std::int64_t k) {
  const double kd = static_cast<double>(k);
  const double t = kd / 1236.85;  // Julian centuries since 1900-01-00.5
  const double t2 = t * t;
  const double t3 = t2 * t;
  const double dr = kPi / 180;
  double jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const double m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3;
  const double mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3;
  const double f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3;
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * dr) + 0.0021 * std::sin(2 * dr * m);
  c1 = c1 - 0.4068 * std::sin(mpr * dr) + 0.0161 * std::sin(dr * 2 * mpr);
  c1 = c1 - 0.0004 * std::sin(dr * 3 * mpr);
  c1 = c1 + 0.0104 * std::sin(dr * 2 * f) - 0.0051 * std::sin(dr * (m + mpr));
  c1 = c1 - 0.0074 * std::sin(dr * (m - mpr)) + 0.0004 * std::sin(dr * (2 * f + m));
  c1 = c1 - 0.0004 * std::sin(dr * (2 * f - m)) - 0.0006 * std::sin(dr * (2 * f + mpr));
  c1 = c1 + 0.0010 * std::sin(dr * (2 * f - mpr)) + 0.0005 * std::sin(dr * (2 * mpr + m));
  double delta_t;
  if (t < -11) {
    delta_t =
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  } else {
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
  }
  return jd1 + c1 - delta_t;
}

// Apparent longitude of the sun at Julian Day `jd`, in radians, [0, 2π).
double SunLongitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries since J2000
  const double t2 = t * t;
  const double dr = kPi / 180;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(dr * m);
  dl +=
      (0.019993 - 0.000101 * t) * std::sin(dr * 2 * m) + 0.000290 * std::sin(dr * 3 * m);
  const double l = (l0 + dl) * dr;
  return l - 2 * kPi * std::floor(l / (2 * kPi));
}

// Computations at one UTC offset, in days.
class Astronomy {
 public:
  explicit Astronomy(int utc_offset_hours) : tz_(utc_offset_hours / 24.0) {}

  // Local day (JDN) on which the k-th new moon falls.
  std::int64_t NewMoonDay(std::int64_t k) const {
    return static_cast<std::int64_t>(std::floor(NewMoonJd(k) + 0.5 + tz_));
  }

  // Which 30° sector (0..11, 0 = vernal equinox) the sun is in at local
  // midnight starting day `jdn`. Major solar term n begins sector n.
  int SunSector(std::int64_t jdn) const {
    const double jd = static_cast<double>(jdn) - 0.5 - tz_;
    return static_cast<int>(std::floor(SunLongitude(jd) / (kPi / 6))) % 12;
  }

  // Lunation index of the month that holds the winter solstice of `solar_year`
  // (lunar month 11, which starts in late November or December).
  std::int64_t Month11(int solar_year) const {
    const std::int64_t off =
        JdnFromDate(year_month_day(year(solar_year), month(12), day(31))) - 2415021;
    const auto k =
        static_cast<std::int64_t>(std::floor(static_cast<double>(off) / kSynodicMonth));
    // Sector 9 starts at the solstice (270°): already past it means month 11
    // began one lunation earlier.
    return SunSector(NewMoonDay(k)) >= 9 ? k - 1 : k;
  }

  // Lunation index of the month in which day `jdn` falls.
  std::int64_t LunationOf(std::int64_t jdn) const {
    auto k = static_cast<std::int64_t>(
        std::floor((static_cast<double>(jdn) - kLunation0) / kSynodicMonth));
    while (NewMoonDay(k + 1) <= jdn) ++k;
    while (NewMoonDay(k) > jdn) --k;
    return k;
  }

 private:
  double tz_;
};

// The months from lunar month 11 of solar year c-1 up to (not including) month 11
// of solar year c. Offset 0 is month 11; with 13 months, `leap_offset` is the
// first month without a major solar term, else -1.
struct Cycle {
  int c = 0;
  std::int64_t k0 = 0;
  int months = 12;
  int leap_offset = -1;
};

Cycle MakeCycle(const Astronomy& astro, int c, std::int64_t k0, std::int64_t k1) {
  Cycle cycle;
  cycle.c = c;
  cycle.k0 = k0;
  cycle.months = static_cast<int>(k1 - k0);
  if (cycle.months == 13) {
    int prev = astro.SunSector(astro.NewMoonDay(k0 + 1));
    cycle.leap_offset = 12;  // not reached: 13 months always leave one without a term
    for (int i = 1; i <= 12; ++i) {
      const int next = astro.SunSector(astro.NewMoonDay(k0 + i + 1));
      if (next == prev) {
        cycle.leap_offset = i;
        break;
      }
      prev = next;
    }
  }
  return cycle;
}

Cycle ComputeCycle(const Astronomy& astro, int c) {
  return MakeCycle(astro, c, astro.Month11(c - 1), astro.Month11(c));
}

struct Label {
  int lunar_year;
  int month;
  bool leap;
};

Label LabelAt(const Cycle& cycle, int offset) {
  int eff = offset;
  bool leap = false;
  if (cycle.leap_offset >= 0 && offset >= cycle.leap_offset) {
    eff = offset - 1;
    leap = offset == cycle.leap_offset;
  }
  // eff 0 and 1 are months 11 and 12 of the previous lunar year.
  return Label{eff <= 1 ? cycle.c - 1 : cycle.c, (eff + 10) % 12 + 1, leap};
}

bool InRange(year_month_day d) {
  const int y = static_cast<int>(d.year());
  return d.ok() && y >= kLunarFirstYear && y <= kLunarLastYear;
}

Status CheckOffset(int utc_offset_hours) {
  if (utc_offset_hours < -12 || utc_offset_hours > 14) {
    return Status::Invalid("UTC offset " + std::to_string(utc_offset_hours) +
                           " hours is outside -12..14");
  }
  return Status::Ok();
}

Status OutOfRange(const std::string& what) {
  return Status::Invalid(what + " is outside the supported years " +
                         std::to_string(kLunarFirstYear) + ".." +
                         std::to_string(kLunarLastYear));
}

}  // namespace

Result<LunarDate> SolarToLunar(year_month_day d, int utc_offset_hours) {
  THADS_RETURN_IF_ERROR(CheckOffset(utc_offset_hours));
  if (!d.ok()) return Status::Invalid("not a valid calendar date");
  if (!InRange(d)) return OutOfRange("date " + FormatDate(d));
  const Astronomy astro(utc_offset_hours);
  const std::int64_t jdn = JdnFromDate(d);
  const std::int64_t k = astro.LunationOf(jdn);
  const int y = static_cast<int>(d.year());
  const std::int64_t k11 = astro.Month11(y);
  const Cycle cycle = k >= k11 ? MakeCycle(astro, y + 1, k11, astro.Month11(y + 1))
                               : MakeCycle(astro, y, astro.Month11(y - 1), k11);
  const Label label = LabelAt(cycle, static_cast<int>(k - cycle.k0));
  return LunarDate{label.lunar_year, label.month,
                   static_cast<int>(jdn - astro.NewMoonDay(k) + 1), label.leap};
}

Result<year_month_day> LunarToSolar(const LunarDate& d, int utc_offset_hours) {
  THADS_RETURN_IF_ERROR(CheckOffset(utc_offset_hours));
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 30) {
    return Status::Invalid("lunar date " + FormatLunar(d) + " does not exist");
  }
  if (d.year < kLunarFirstYear - 1 || d.year > kLunarLastYear) {
    return OutOfRange("lunar year " + std::to_string(d.year));
  }
  const Astronomy astro(utc_offset_hours);
  // Months 11 and 12 open the next cycle; months 1..10 follow them in this one.
  const int eff = d.month >= 11 ? d.month - 11 : d.month + 1;
  const Cycle cycle = ComputeCycle(astro, d.month >= 11 ? d.year + 1 : d.year);
  int offset = eff;
  if (d.leap_month) {
    if (cycle.leap_offset != eff + 1) {
      return Status::Invalid("lunar year " + std::to_string(d.year) +
                             " has no leap month " + std::to_string(d.month));
    }
    offset = eff + 1;
  } else if (cycle.leap_offset >= 0 && eff >= cycle.leap_offset) {
    offset = eff + 1;
  }
  const std::int64_t first = astro.NewMoonDay(cycle.k0 + offset);
  const int length = static_cast<int>(astro.NewMoonDay(cycle.k0 + offset + 1) - first);
  if (d.day > length) {
    return Status::Invalid("lunar date " + FormatLunar(d) +
                           " does not exist: the month has " + std::to_string(length) +
                           " days");
  }
  const year_month_day result = DateFromJdn(first + d.day - 1);
  if (!InRange(result)) return OutOfRange("lunar date " + FormatLunar(d));
  return result;
}

Result<year_month_day> LunarNewYear(int year, int utc_offset_hours) {
  return LunarToSolar(LunarDate{year, 1, 1, false}, utc_offset_hours);
}

Result<std::vector<LunarMonth>> LunarYearMonths(int year, int utc_offset_hours) {
  THADS_RETURN_IF_ERROR(CheckOffset(utc_offset_hours));
  if (year < kLunarFirstYear - 1 || year > kLunarLastYear) {
    return OutOfRange("lunar year " + std::to_string(year));
  }
  const Astronomy astro(utc_offset_hours);
  const std::int64_t k_prev = astro.Month11(year - 1);
  const std::int64_t k_this = astro.Month11(year);
  const std::int64_t k_next = astro.Month11(year + 1);
  std::vector<LunarMonth> months;
  for (const Cycle& cycle : {MakeCycle(astro, year, k_prev, k_this),
                             MakeCycle(astro, year + 1, k_this, k_next)}) {
    for (int offset = 0; offset < cycle.months; ++offset) {
      const Label label = LabelAt(cycle, offset);
      if (label.lunar_year != year) continue;
      const std::int64_t first = astro.NewMoonDay(cycle.k0 + offset);
      const std::int64_t next = astro.NewMoonDay(cycle.k0 + offset + 1);
      LunarMonth m;
      m.month = label.month;
      m.leap_month = label.leap;
      m.first_day = DateFromJdn(first);
      m.length = static_cast<int>(next - first);
      if (!InRange(m.first_day) || !InRange(DateFromJdn(next - 1))) {
        return OutOfRange("lunar year " + std::to_string(year));
      }
      months.push_back(m);
    }
  }
  return months;
}

}  // namespace thads::text
