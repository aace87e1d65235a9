// unit-tagger.cpp — the learned tagger: its weight file, BIO spans, and what the extractor makes of
// its readings on text in headline case, capitals, wrapped lines and market reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "entities.h"
#include "loader.h"
#include "tagger.h"
#include "test_util.h"

using namespace ae;

namespace {

struct Found {
  std::map<std::string, std::string> types;  // canonical name -> type
  std::set<std::string> surfaces;            // every surface form of every entity
};

Found extract(const std::string& json) {
  LoadResult r = load_corpus(json, "t");
  REQUIRE_MESSAGE(r.ok, r.error.message);
  const EntityIndex idx = extract_entities(r.corpus, *ae_test::gazetteer());
  Found f;
  for (const Entity& e : idx.entities) {
    f.types[e.name] = type_name(e.type);
    f.surfaces.insert(e.name);
    for (const EntityAlias& a : e.aliases) f.surfaces.insert(a.surface);
  }
  return f;
}

}  // namespace

TEST_CASE("tagger weights: saved and loaded byte for byte; damaged files refused with a message") {
  std::vector<std::pair<uint64_t, std::vector<float>>> features = {
      {0x1234567890ull, {1, -2, 3, 0, 0, 0, 0, 0, 0.5f}},
      {0xABCDEF01ull, {0, 0, 0, 0, 0, 0, 0, 0, -4}},
  };
  TaggerModel m;
  m.build(features);
  const std::string bytes = m.save();
  TaggerModel back;
  std::string error;
  REQUIRE(back.load(bytes, error));
  CHECK(back.save() == bytes);
  const int16_t* w = back.find(0x1234567890ull);
  REQUIRE(w != nullptr);
  CHECK(w[2] * back.scale() == doctest::Approx(3.0f).epsilon(0.01));
  CHECK(w[1] * back.scale() == doctest::Approx(-2.0f).epsilon(0.01));
  CHECK(back.find(0x42) == nullptr);

  TaggerModel bad;
  CHECK_FALSE(bad.load(bytes.substr(0, bytes.size() - 1), error));
  CHECK(error.find("truncated") != std::string::npos);
  CHECK_FALSE(bad.load("AETAGGR0" + bytes.substr(8), error));
  CHECK(bad.empty());
  std::string zero_key = bytes;
  std::fill(zero_key.begin() + 20, zero_key.begin() + 24, '\0');
  CHECK_FALSE(bad.load(zero_key, error));
  // A feature mask naming a tenth label, and a weight byte too many, are refused.
  std::string extra = bytes + "x";
  CHECK_FALSE(bad.load(extra, error));

  // The first version of the file (plain keys and every weight) still loads, to the same weights.
  CHECK(bytes.compare(0, 8, "AETAGGR2") == 0);
  std::string v1 = "AETAGGR1" + bytes.substr(8, 12);
  std::vector<uint32_t> keys = {TaggerModel::key32(0x1234567890ull), TaggerModel::key32(0xABCDEF01ull)};
  std::sort(keys.begin(), keys.end());
  for (uint32_t k : keys) v1.append(reinterpret_cast<const char*>(&k), 4);
  for (uint32_t k : keys) {
    const int16_t* row = back.find(k == TaggerModel::key32(0xABCDEF01ull) ? 0xABCDEF01ull : 0x1234567890ull);
    REQUIRE(row != nullptr);
    v1.append(reinterpret_cast<const char*>(row), kTagLabels * 2);
  }
  TaggerModel old;
  REQUIRE_MESSAGE(old.load(v1, error), error);
  for (uint64_t f : {0x1234567890ull, 0xABCDEF01ull})
    for (int l = 0; l < kTagLabels; ++l) CHECK(old.find(f)[l] == back.find(f)[l]);
  CHECK(old.save() == bytes);
}

TEST_CASE("BIO labels to spans: an I after O or another type starts a name") {
  std::vector<TagSpan> spans;
  const std::vector<uint8_t> labels = {kLabelO,
                                       label_begin(kTagPerson),
                                       label_inside(kTagPerson),
                                       kLabelO,
                                       label_inside(kTagOrg),
                                       label_begin(kTagPlace),
                                       label_inside(kTagOrg)};
  spans_from_labels(labels, spans);
  REQUIRE(spans.size() == 4);
  CHECK((spans[0].first == 1 && spans[0].last == 2 && spans[0].type == kTagPerson));
  CHECK((spans[1].first == 4 && spans[1].last == 4 && spans[1].type == kTagOrg));
  CHECK((spans[2].first == 5 && spans[2].last == 5 && spans[2].type == kTagPlace));
  CHECK((spans[3].first == 6 && spans[3].last == 6 && spans[3].type == kTagOrg));
}

TEST_CASE("text case: as written, headline case, capitals") {
  std::vector<Token> toks;
  const std::string normal = "The minister said on Monday that talks would resume in Baghdad.";
  tokenize(normal, toks);
  CHECK(text_case(normal, toks) == TextCase::Normal);
  const std::string headline = "Iraq Says Border With Syria Is Secure After Talks";
  tokenize(headline, toks);
  CHECK(text_case(headline, toks) == TextCase::Headline);
  const std::string caps = "IRAQ SAYS BORDER WITH SYRIA IS SECURE AFTER TALKS";
  tokenize(caps, toks);
  CHECK(text_case(caps, toks) == TextCase::AllCaps);
}

TEST_CASE("headline case: function words and verbs are not names, the places still are") {
  const Found f = extract(R"([
    {"id":"h1","title":"Iraq Says Border With Syria Is Secure As Talks Resume","body":""},
    {"id":"h2","title":"No Deal As The Ministers Meet In Baghdad","body":""},
    {"id":"h3","title":"Will Oil Prices Rise Again This Week?","body":""}])");
  for (const char* junk : {"Is", "Islamic State", "Says", "No", "Will", "The", "As", "Ministers", "Talks", "Oil"})
    CHECK_MESSAGE(!f.surfaces.count(junk), "junk entity: ", junk);
  CHECK(f.types.count("Iraq"));
  CHECK(f.types.count("Syria"));
  CHECK(f.types.count("Baghdad"));
}

TEST_CASE("names are clean: no line breaks or edge punctuation; market abbreviations are not names") {
  const Found f = extract(R"([{"id":"r1","title":"U.S. FIRM SETS DIVIDEND",
    "body":"The Securities and Exchange Commission said Standard and Poor's Corp lowered the rating of the\nUnited\nStates unit. Profit rose to 12 mln dlrs, or 15 cts a share, up 4.5 pct, the Bank of England said."}])");
  for (const std::string& s : f.surfaces) {
    CHECK_MESSAGE(s.find('\n') == std::string::npos, "line break in ", s);
    CHECK_MESSAGE((!s.empty() && std::isalnum(static_cast<unsigned char>(s[0]))), "starts with punctuation: ", s);
  }
  for (const char* junk : {"mln", "dlrs", "cts", "pct", "Dlrs", "Mln"})
    CHECK_MESSAGE(!f.surfaces.count(junk), "junk: ", junk);
  CHECK(f.types.count("Securities and Exchange Commission"));
  CHECK(f.types.count("Bank of England"));
}

TEST_CASE("company names: the suffix's period, no connector at the end, possessives and dates set apart") {
  const Found f = extract(R"([{"id":"b1","title":"Bank results",
    "body":"Norwest Corp. said on Tuesday that profit rose. Analysts at Johnson Controls Inc and Lear Corp agreed. The Labour Department's July report was weak. The New York Mercantile Exchange closed early. Britain's Sun newspaper said Prime Minister John Major would go. Crude oil prices rose in New York and London."},
   {"id":"b2","title":"Company news","body":"Shares of Norwest Corp. and Banc One Corp. rose on the New York Stock Exchange, brokers at Merrill Lynch said. Johnson Controls said its profit rose. The Labour Department said jobs grew in July."}])");
  CHECK(f.surfaces.count("Norwest Corp."));  // the period is the suffix's while the sentence goes on
  CHECK(f.surfaces.count("Banc One Corp."));
  CHECK(f.surfaces.count("Johnson Controls Inc"));
  CHECK(f.types.count("Labour Department"));
  CHECK(f.types.count("New York Mercantile Exchange"));
  CHECK(f.types.count("Sun"));
  CHECK(f.types.count("United Kingdom"));
  for (const std::string& s : f.surfaces) {
    CHECK_MESSAGE(s.find("'s ") == std::string::npos, "two names joined by a possessive: ", s);
    CHECK_MESSAGE(s.find("July") == std::string::npos, "a date in a name: ", s);
    for (const char* end : {" and", " of", " &"})
      CHECK_MESSAGE(
          (s.size() < std::strlen(end) || s.compare(s.size() - std::strlen(end), std::string::npos, end) != 0),
          "ends in a connector: ", s);
  }
}

TEST_CASE("aliases and demonyms added after training merge without touching the tagger") {
  const Found f = extract(
      R"([{"id":"n1","title":"NZ dollar firmer","body":"The New Zealand dollar rose on Monday after the central bank said that it would keep its rates where they were. Traders in HK said the Philippine peso was weaker."}])");
  REQUIRE(f.types.count("New Zealand"));
  CHECK_FALSE(f.types.count("NZ"));  // an alias of New Zealand
  CHECK(f.surfaces.count("NZ"));
  CHECK_FALSE(f.types.count("HK"));
  CHECK_FALSE(f.types.count("Philippine"));  // a demonym, not a name of its own
}

TEST_CASE("a place read right before an organisation in prose starts its name") {
  const Found f = extract(R"([{"id":"d1","title":"Peace talks",
    "body":"The Palestine Liberation Organisation said on Monday that it would resume the talks that were broken off last month. Shares of Pacific Telesis Group rose in early trading after the company said that its profit would be higher than expected."}])");
  CHECK(f.types.count("Palestine Liberation Organisation"));
  REQUIRE(f.types.count("Pacific Telesis Group"));
  CHECK(f.types.at("Pacific Telesis Group") == "org");
  CHECK_FALSE(f.types.count("Telesis Group"));
  CHECK_FALSE(f.types.count("Pacific"));
}

TEST_CASE("people: initials, a middle initial and a given name keep the name whole") {
  const Found f = extract(R"([{"id":"c1","title":"Cricket and business",
    "body":"Somerset bowler M. McCague took four wickets. Gerald W. McGrath was named president of the company, which also named Phillip Price chairman. Shares rose on Tuesday."},
   {"id":"c2","title":"Tennis","body":"Jan Kroslak beat Chris Woodruff in the first round. Phillip Price said he was pleased."}])");
  CHECK(f.types.count("M. McCague"));
  CHECK(f.types.count("Gerald W. McGrath"));
  CHECK(f.types.count("Phillip Price"));  // "price" is a common word; after a given name it is a surname
  CHECK(f.types.count("Jan Kroslak"));    // a given name that is also a month's abbreviation
  for (const char* cut : {"McCague", "Gerald W", "McGrath", "Phillip", "Kroslak"})
    CHECK_MESSAGE(!f.types.count(cut), "a name cut short: ", cut);
}

TEST_CASE("an acronym defined in parentheses binds the words before it as one organisation") {
  const Found f = extract(R"([{"id":"a1","title":"Clashes in the north",
    "body":"Fighters of the Kurdish-led Syrian Democratic Forces (SDF) withdrew on Monday. The SDF said talks would go on."}])");
  REQUIRE(f.types.count("Syrian Democratic Forces"));
  CHECK(f.types.at("Syrian Democratic Forces") == "org");
  CHECK(f.surfaces.count("SDF"));
  CHECK_FALSE(f.types.count("SDF"));  // an alias, not an entity of its own
}

// The reference decoder: every feature looked up in the weight table, as training reads them. tag()
// sums the word's and its neighbours' groups once per distinct word and reads the features with few
// values from dense tables; both must give the same labels and margins.
namespace {
std::vector<TagSpan> tag_plainly(const TaggerModel& model, std::string_view text, const std::vector<Token>& toks,
                                 const TagContext& ctx) {
  Tagger t;
  t.prepare(text, toks, ctx);
  std::vector<uint8_t> labels(toks.size(), kLabelO), margins(toks.size(), 255);
  uint8_t prev1 = kLabelO, prev2 = kLabelO;
  std::vector<uint64_t> feats;
  for (size_t i = 0; i < toks.size(); ++i) {
    uint8_t best = kLabelO;
    if (t.considered(i, prev1)) {
      feats.clear();
      t.static_features(i, feats);
      t.label_features(i, prev1, prev2, feats);
      int32_t score[kTagLabels] = {};
      for (uint64_t f : feats)
        if (const int16_t* w = model.find(f))
          for (int l = 0; l < kTagLabels; ++l) score[l] += w[l];
      best = best_label(score, prev1, model.scale(), margins[i]);
    }
    labels[i] = best;
    prev2 = prev1;
    prev1 = best;
  }
  std::vector<TagSpan> out;
  spans_from_labels(labels, out);
  for (TagSpan& sp : out) {
    sp.margin = 255;
    for (uint32_t k = sp.first; k <= sp.last; ++k) sp.margin = std::min(sp.margin, margins[k]);
  }
  return out;
}
}  // namespace

TEST_CASE("tagging with cached feature sums gives the labels and margins of every feature read one by one") {
  const Gazetteer& gaz = *ae_test::gazetteer();
  const TaggerModel* model = gaz.tagger();
  REQUIRE(model != nullptr);
  const std::vector<std::string> texts = {
      "Prime Minister Mohammed Shia' al-Sudani met Syrian President Ahmad al-Sharaa in Baghdad on Monday.\n"
      "The Syrian Democratic Forces (SDF) said the Islamic State attacked Hasaka. Reuters reported it.",
      "IRAQ AND SYRIA AGREE ON BORDER SECURITY WITH U.S.-LED COALITION",
      "Iraq And Syria Agree On Border Security, Says Foreign Minister Fuad Hussein",
      "The Bank of England and Standard & Poor's said the Securities and Exchange Commission would rule.",
      "Will Smith will speak. Smith said the Federal Reserve, the Fed, was wrong; Smith and Jones agreed.",
  };
  CaseStats stats;
  std::vector<std::vector<Token>> toks(texts.size());
  for (size_t k = 0; k < texts.size(); ++k) {
    tokenize(texts[k], toks[k]);
    stats.add(texts[k], toks[k]);
  }
  Tagger cached;  // one tagger over every text, twice: the second round reads its caches
  size_t names = 0;
  for (int round = 0; round < 2; ++round)
    for (size_t k = 0; k < texts.size(); ++k) {
      DocWords doc;
      doc.clear();
      doc.add(texts[k], toks[k]);
      const TagContext ctx{&gaz, &stats, &doc, text_case(texts[k], toks[k]), k == 1};
      std::vector<TagSpan> fast;
      cached.tag(*model, texts[k], toks[k], ctx, fast);
      const std::vector<TagSpan> plain = tag_plainly(*model, texts[k], toks[k], ctx);
      REQUIRE(fast.size() == plain.size());
      for (size_t s = 0; s < fast.size(); ++s) {
        CHECK(fast[s].first == plain[s].first);
        CHECK(fast[s].last == plain[s].last);
        CHECK(fast[s].type == plain[s].type);
        CHECK(fast[s].margin == plain[s].margin);
      }
      names += fast.size();
    }
  CHECK(names >= 20);
  // New corpus statistics (another corpus) are read at once, not from the caches.
  CaseStats other;
  for (size_t k = 0; k < texts.size(); ++k) other.add(texts[k], toks[k]);
  const std::string lower = "will smith will smith will smith";
  std::vector<Token> lower_toks;
  tokenize(lower, lower_toks);
  other.add(lower, lower_toks);
  DocWords doc;
  doc.clear();
  const TagContext ctx{&gaz, &other, &doc, TextCase::Normal, false};
  std::vector<TagSpan> fast;
  cached.tag(*model, texts[4], toks[4], ctx, fast);
  const std::vector<TagSpan> plain = tag_plainly(*model, texts[4], toks[4], ctx);
  REQUIRE(fast.size() == plain.size());
  for (size_t s = 0; s < fast.size(); ++s) CHECK(fast[s].margin == plain[s].margin);
}

TEST_CASE("gazetteer names are matched the same whether or not words no name starts with are passed over") {
  // Every name of the gazetteer in sentences that put other bytes around its first word: a possessive,
  // a leading "The", a comma, hyphens, and in headline case and capitals.
  const Gazetteer& gaz = *ae_test::gazetteer();
  std::string text;
  for (size_t e = 0; e < gaz.size(); ++e) {
    const std::string& n = gaz.entry(static_cast<int>(e)).name;
    text += "Officials in " + n + " said. " + n + "'s Office said. The " + n + " Group, " + n + ", met.\nReports-" + n +
            "-led talks.\n";
  }
  text += "McDonald's Corp and Standard & Poor's met in al-Hasakah, Hasakah Province and The Hague.\n";
  std::vector<Token> toks;
  tokenize(text, toks);
  Tagger fast, plain;
  plain.pass_unstarted_words(false);
  size_t matched = 0, differ = 0;
  for (TextCase mode : {TextCase::Normal, TextCase::Headline}) {
    const TagContext ctx{&gaz, nullptr, nullptr, mode, false};
    fast.prepare(text, toks, ctx);
    plain.prepare(text, toks, ctx);
    for (size_t i = 0; i < toks.size(); ++i) {
      matched += plain.gazetteer_match(i) != 0;
      differ += fast.gazetteer_match(i) != plain.gazetteer_match(i);
    }
  }
  CHECK(matched > gaz.size());
  CHECK(differ == 0);
}

TEST_CASE("market news: tickers, 'and Co Inc', a company's short name, amounts and futures months are read") {
  // Written for this test in the style of wire copy.
  const std::string corpus = R"([
    {"id":"m1","date":"1987-03-01","title":"GENCORP <GY> SEES HIGHER PROFIT",
     "body":"GenCorp Inc said profit would rise. Exxon Corp <XON> and Texaco Inc <TX> said they agreed.\nBrokerage firm Merrill Lynch and Co Inc said the deal was fair. Merrill said it advised Exxon.\nThe Brisbane unit, CSR Ltd <CSRA.S>, said it sold 12 mln dlrs of shares."},
    {"id":"m2","date":"1987-03-02","title":"YUGOSLAVIA GETS 90 MLN DLR WORLD BANK LOAN",
     "body":"The World Bank said it approved the loan. XON shares rose.\nMINNEAPOLIS WHEAT\n MAY7 284 1/2 UP 1\n JUL7 280 UP 1"}
  ])";
  LoadResult r = load_corpus(corpus, "t");
  REQUIRE(r.ok);
  const EntityIndex idx = extract_entities(r.corpus, *ae_test::gazetteer());
  auto entity_with = [&](const std::string& surface) -> const Entity* {
    for (const Entity& e : idx.entities) {
      if (e.name == surface) return &e;
      for (const EntityAlias& a : e.aliases)
        if (a.surface == surface) return &e;
    }
    return nullptr;
  };
  auto rule_of = [&](const Entity* e, const std::string& surface) {
    for (const EntityAlias& a : e->aliases)
      if (a.surface == surface) return a.rule;
    return std::string();
  };
  // A ticker in angle brackets is the company's, wherever else it stands.
  const Entity* exxon = entity_with("Exxon Corp");
  REQUIRE(exxon != nullptr);
  CHECK(entity_with("XON") == exxon);
  CHECK(rule_of(exxon, "XON").rfind("stock ticker in m1", 0) == 0);
  CHECK(entity_with("GY") == entity_with("GenCorp Inc"));
  CHECK(entity_with("TX") == entity_with("Texaco Inc"));
  // "<CSRA.S>": the code before the exchange's suffix.
  CHECK((entity_with("CSRA") == nullptr || entity_with("CSRA") == entity_with("CSR Ltd")));
  // "Merrill Lynch and Co Inc" is a company, and the lone "Merrill" of its article is that company.
  const Entity* merrill = entity_with("Merrill Lynch and Co Inc");
  REQUIRE(merrill != nullptr);
  CHECK(merrill->type == EntityType::Org);
  CHECK(entity_with("Merrill") == merrill);
  CHECK(rule_of(merrill, "Merrill").rfind("short name of", 0) == 0);
  // Amounts at the edge of a capitals headline's name, and futures months, are not names.
  CHECK(entity_with("DLR WORLD BANK") == nullptr);
  CHECK(entity_with("MLN DLR WORLD BANK") == nullptr);
  CHECK(entity_with("MAY7") == nullptr);
  CHECK(entity_with("JUL7") == nullptr);
  for (const Entity& e : idx.entities) CHECK_MESSAGE(std::isalnum(static_cast<unsigned char>(e.name[0])), e.name);
}

TEST_CASE("a surname in a capitals headline joins the person its article names in full") {
  const std::string corpus = R"([
    {"id":"p1","date":"1987-03-01","title":"REAGAN SAYS TRADE BILL TOO COSTLY",
     "body":"President Ronald Reagan said on Monday the trade bill was too costly. Reagan told reporters he would veto it."}
  ])";
  LoadResult r = load_corpus(corpus, "t");
  REQUIRE(r.ok);
  const EntityIndex idx = extract_entities(r.corpus, *ae_test::gazetteer());
  int reagans = 0;
  for (const Entity& e : idx.entities) {
    bool is_reagan = e.name.find("Reagan") != std::string::npos || e.name == "REAGAN";
    for (const EntityAlias& a : e.aliases) is_reagan = is_reagan || a.surface == "REAGAN";
    if (!is_reagan) continue;
    ++reagans;
    CHECK(e.name == "Ronald Reagan");
    CHECK(e.type == EntityType::Person);
  }
  CHECK(reagans == 1);
}
