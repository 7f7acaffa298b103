// `triagebot logs export --format csv`: one row per conversation (id, platform,
// started, triage, top causes, red flags, questions, verdicts) for a spreadsheet, with
// RFC 4180 quoting. Lists inside a cell are joined with ';'. Rows are written as each
// page of the list is read, so an export of any size holds one page in memory.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "storage/records.h"

namespace triagebot::bot {

// RFC 4180 §2: a field holding a comma, a double quote, CR or LF is enclosed in double
// quotes and its quotes doubled; any other field is written as it is.
std::string csv_field(std::string_view text);

// The header line, CRLF-terminated (RFC 4180 §2.1).
void write_csv_header(std::ostream& out);
void write_csv_row(std::ostream& out, const storage::Summary& summary);

}  // namespace triagebot::bot
