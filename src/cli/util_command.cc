// `thads util`: one line in, one line out, for what clerks type by hand.
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/command.h"
#include "text/dates.h"
#include "text/legacy_encoding.h"
#include "text/money.h"
#include "text/normalize.h"
#include "text/working_days.h"

namespace thads::cli {
namespace {

constexpr const char* kUtilUsage =
    "Usage: thads util SUBCOMMAND ARGS\n"
    "\n"
    "  words AMOUNT            money in words: 1005000 -> Một triệu không trăm linh năm nghìn đồng\n"
    "  number \"WORDS\"          words to a number: \"Một trăm năm mươi triệu đồng\" -> 150000000\n"
    "  digits AMOUNT           thousands separated: 150000000 -> 150.000.000 đồng\n"
    "  fold TEXT               search folding: Nguyễn Văn Ấn -> nguyen van an\n"
    "  key TEXT                one tone placement: Hoà -> Hòa\n"
    "  date DATE               ND 30 form: 2024-02-05 -> ngày 05 tháng 02 năm 2024\n"
    "  workdays DATE N         the date N working days after DATE (weekends and public\n"
    "                          holidays skipped; holidays from templates/rules/holidays.txt)\n"
    "  convert [--from ENC]    legacy text on stdin to Unicode NFC on stdout;\n"
    "                          ENC is tcvn3 (abc), vni or viscii; detected when omitted\n";

ExitCode Fail(Streams io, const std::string& message) {
  io.err << "thads util: " << message << "\n";
  return ExitCode::kBadInput;
}

// Joins the remaining arguments with spaces, so unquoted words work too.
std::string JoinArgs(const std::vector<std::string>& args, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < args.size(); ++i) {
    if (i > from) out += ' ';
    out += args[i];
  }
  return text::ToNfc(out);
}

ExitCode Words(const std::vector<std::string>& args, Streams io) {
  auto amount = text::ParseMoneyDigits(JoinArgs(args, 1));
  if (!amount.ok()) return Fail(io, amount.status().message());
  io.out << text::MoneyToWords(*amount) << "\n";
  return ExitCode::kOk;
}

ExitCode Number(const std::vector<std::string>& args, Streams io) {
  auto parsed = text::ParseMoneyWords(JoinArgs(args, 1));
  if (!parsed.ok()) return Fail(io, parsed.status().message());
  io.out << parsed->value << "\n";
  if (parsed->confidence < 1.0) {
    io.err << "thads util: note: some words were read without their marks (confidence "
           << static_cast<int>(parsed->confidence * 100 + 0.5) << "%); written correctly: "
           << text::MoneyToWords(parsed->value) << "\n";
  }
  return ExitCode::kOk;
}

ExitCode Digits(const std::vector<std::string>& args, Streams io) {
  auto amount = text::ParseMoneyDigits(JoinArgs(args, 1));
  if (!amount.ok()) return Fail(io, amount.status().message());
  io.out << text::FormatMoney(*amount) << "\n";
  return ExitCode::kOk;
}

ExitCode Date(const std::vector<std::string>& args, Streams io) {
  auto date = text::ParseDate(JoinArgs(args, 1));
  if (!date.ok()) return Fail(io, date.status().message());
  io.out << text::FormatNd30Date(*date) << "\n";
  return ExitCode::kOk;
}

ExitCode Workdays(const std::vector<std::string>& args, Streams io) {
  if (args.size() != 3) return Fail(io, "workdays needs DATE and N, e.g. workdays 2026-02-10 5");
  auto start = text::ParseDate(args[1]);
  if (!start.ok()) return Fail(io, start.status().message());
  int n = 0;
  std::size_t used = 0;
  try {
    n = std::stoi(args[2], &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != args[2].size() || n < -3650 || n > 3650) {
    return Fail(io, "'" + args[2] + "' is not a number of working days between -3650 and 3650");
  }
  auto calendar = text::HolidayCalendar::LoadDefault();
  if (!calendar.ok()) {
    io.err << "thads util: " << calendar.status().message() << "\n";
    return ExitCode::kFailure;
  }
  io.out << text::FormatIsoDate(calendar->AddWorkingDays(*start, n)) << "\n";
  return ExitCode::kOk;
}

ExitCode Convert(const std::vector<std::string>& args, Streams io) {
  std::optional<text::LegacyEncoding> encoding;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--from" && i + 1 < args.size()) {
      auto parsed = text::ParseLegacyEncodingName(args[++i]);
      if (!parsed.ok()) return Fail(io, parsed.status().message());
      encoding = *parsed;
    } else {
      return Fail(io, "convert: unexpected argument '" + args[i] + "' (use --from ENC)");
    }
  }
  const std::string input{std::istreambuf_iterator<char>(io.in),
                          std::istreambuf_iterator<char>()};
  if (!encoding) {
    const text::EncodingGuess guess = text::DetectLegacyEncoding(input);
    if (!guess.encoding) {
      auto clean = text::CleanText(input, "stdin");
      if (!clean.ok()) return Fail(io, clean.status().message());
      io.err << "thads util: input is already Unicode; written as NFC\n";
      io.out << *clean;
      return ExitCode::kOk;
    }
    encoding = guess.encoding;
    io.err << "thads util: detected " << text::LegacyEncodingName(*encoding) << " (confidence "
           << static_cast<int>(guess.confidence * 100 + 0.5) << "%)\n";
  }
  auto converted = text::ConvertLegacyToUtf8(input, *encoding);
  if (!converted.ok()) return Fail(io, "stdin: " + converted.status().message());
  io.out << *converted;
  return ExitCode::kOk;
}

}  // namespace

ExitCode RunUtil(const std::vector<std::string>& args, Streams io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? io.err : io.out) << kUtilUsage;
    return args.empty() ? ExitCode::kBadInput : ExitCode::kOk;
  }
  const std::string& sub = args[0];
  if (sub == "convert") return Convert(args, io);
  if (args.size() < 2) return Fail(io, sub + " needs an argument (see thads util --help)");
  if (sub == "words") return Words(args, io);
  if (sub == "number") return Number(args, io);
  if (sub == "digits") return Digits(args, io);
  if (sub == "date") return Date(args, io);
  if (sub == "workdays") return Workdays(args, io);
  if (sub == "fold") {
    io.out << text::FoldForSearch(JoinArgs(args, 1)) << "\n";
    return ExitCode::kOk;
  }
  if (sub == "key") {
    io.out << text::ToneKey(JoinArgs(args, 1)) << "\n";
    return ExitCode::kOk;
  }
  return Fail(io, "unknown subcommand '" + sub + "' (see thads util --help)");
}

}  // namespace thads::cli
