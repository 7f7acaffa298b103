// The review filter parsing shared by the admin API and `triagebot logs`: query-string
// decoding, the accepted time formats, and which filter values are refused.
#include <gtest/gtest.h>

#include "bot/review/review_filter.h"

namespace triagebot::bot {
namespace review_filter_test {
namespace {

using storage::to_millis;

std::optional<std::int64_t> millis(std::string_view text) {
  const auto at = parse_time(text);
  return at ? std::optional<std::int64_t>(to_millis(*at)) : std::nullopt;
}

TEST(ReviewFilter, DecodesPercentEscapesAndPlus) {
  const auto params = parse_query_string("q=leg%20gave+way&platform=slack&&empty=&bare");
  ASSERT_TRUE(params) << params.error().message;
  EXPECT_EQ(
      *params,
      (QueryParams{{"q", "leg gave way"}, {"platform", "slack"}, {"empty", ""}, {"bare", ""}}));
  EXPECT_EQ((*parse_query_string("q=%C3%A9%2B%26"))[0].second, "\xC3\xA9+&");
}

TEST(ReviewFilter, RefusesBrokenEscapesNulAndNonUtf8) {
  for (const char* query :
       {"q=%", "q=%2", "q=%g0", "q=%00", "q=%C3", "q=%C0%AF", "q=%ED%A0%80", "%zz=1"}) {
    EXPECT_FALSE(parse_query_string(query)) << query;
  }
}

TEST(ReviewFilter, ReadsRfc3339DatesAndEpochSeconds) {
  EXPECT_EQ(millis("2026-03-01T00:00:00Z"), 1772323200000);
  EXPECT_EQ(millis("2026-03-01t00:00:00.250z"), 1772323200250);
  EXPECT_EQ(millis("2026-03-01T02:30:00+02:30"), 1772323200000);
  EXPECT_EQ(millis("2026-02-28T23:00:00-01:00"), 1772323200000);
  EXPECT_EQ(millis("2026-03-01"), 1772323200000);
  EXPECT_EQ(millis("1772323200"), 1772323200000);
  EXPECT_EQ(millis("0"), 0);
}

TEST(ReviewFilter, RefusesUnreadableTimes) {
  for (const char* text : {"", "yesterday", "2026-02-29", "2026-13-01", "2026-03-01T24:00:00Z",
                           "2026-03-01T00:00:00", "2026-03-01T00:00Z", "2026-03-01T00:00:00.Z",
                           "2026-03-01T00:00:00+0200", "-5", "1e9", "9999999999999"}) {
    EXPECT_FALSE(parse_time(text)) << text;
  }
}

TEST(ReviewFilter, BuildsAFilterFromValidValues) {
  auto filter = make_list_filter({{"platform", "widget"},
                                  {"triage", "self_care"},
                                  {"red_flag", "saddle_anesthesia"},
                                  {"since", "2026-03-01"},
                                  {"until", "1772409600"},
                                  {"q", "feet"},
                                  {"limit", "200"},
                                  {"cursor", "17"}});
  ASSERT_TRUE(filter) << filter.error().message;
  EXPECT_EQ(filter->platform, "widget");
  EXPECT_EQ(filter->triage, "self_care");
  EXPECT_EQ(filter->red_flag, "saddle_anesthesia");
  EXPECT_EQ(to_millis(*filter->since), 1772323200000);
  EXPECT_EQ(to_millis(*filter->until), 1772409600000);
  EXPECT_EQ(filter->q, "feet");
  EXPECT_EQ(filter->limit, 200);
  EXPECT_EQ(filter->cursor, "17");
}

TEST(ReviewFilter, SafetyTakesAnyNoneOrAKnownCategory) {
  for (const char* value : {"any", "none", "self_harm", "chest_pain"}) {
    auto filter = make_list_filter({{"safety", value}});
    ASSERT_TRUE(filter) << value;
    EXPECT_EQ(filter->safety, value);
  }
  const auto unknown = make_list_filter({{"safety", "heartache"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::bad_request);
}

TEST(ReviewFilter, RefusedValuesNameTheParameterButNotTheValue) {
  const auto filter = make_list_filter({{"q", std::string(201, 's')}});
  ASSERT_FALSE(filter);
  EXPECT_EQ(filter.error().code, ErrorCode::bad_request);
  EXPECT_EQ(filter.error().message.find("sss"), std::string::npos);
  const auto unknown = make_list_filter({{"secret-thing", "1"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message.find("secret-thing"), std::string::npos);
}

TEST(ReviewFilter, LimitBoundIsConfigurable) {
  EXPECT_FALSE(make_list_filter({{"limit", "201"}}));
  auto filter = make_list_filter({{"limit", "5000"}}, 10000);
  ASSERT_TRUE(filter);
  EXPECT_EQ(filter->limit, 5000);
}

}  // namespace
}  // namespace review_filter_test
}  // namespace triagebot::bot
