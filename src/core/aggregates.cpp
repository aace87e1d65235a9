// aggregates.cpp — daily counts as a corpus (see aggregates.h). Layer: core.
#include "aggregates.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <nlohmann/json.hpp>

#include "cooccurrence.h"
#include "explorer.h"

namespace ae {

namespace {

constexpr const char* kFormat = "article-explorer-aggregates";
constexpr size_t kMaxName = 1000;           // bytes of one entity name
constexpr uint64_t kMaxCount = 1000000000;  // any one count
constexpr size_t kMaxEntities = 20000000;

using json = nlohmann::json;

// The first line, parsed (discarded when it is not JSON).
json first_line(std::string_view bytes) {
  size_t b = 0;
  while (b < bytes.size() &&
         (bytes[b] == ' ' || bytes[b] == '\t' || bytes[b] == '\r' || bytes[b] == '\n' ||
          static_cast<unsigned char>(bytes[b]) == 0xEF || static_cast<unsigned char>(bytes[b]) == 0xBB ||
          static_cast<unsigned char>(bytes[b]) == 0xBF))
    ++b;
  const size_t e = std::min(bytes.find('\n', b), bytes.size());
  return json::parse(bytes.data() + b, bytes.data() + e, nullptr, false);
}

bool small_count(const json& v, uint64_t& out) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) return false;
  out = v.get<uint64_t>();
  return out <= kMaxCount;
}

struct DayLine {
  Day day = kUndated;
  uint32_t articles = 0;
  std::vector<std::array<uint32_t, 3>> entities;  // entity, articles, mentions
  std::vector<std::array<uint32_t, 3>> pairs;     // a < b, articles
};

}  // namespace

bool is_aggregates(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  const json h = first_line(bytes.substr(0, std::min<size_t>(bytes.size(), 1 << 16)));
  if (!h.is_object()) return false;
  const auto f = h.find("format");
  return f != h.end() && f->is_string() && f->get<std::string>() == kFormat;
}

bool read_aggregates(std::string_view bytes, const std::string& name, Corpus& corpus, EntityIndex& index,
                     std::string& error) {
  corpus = Corpus();
  index = EntityIndex();
  std::vector<DayLine> days;
  std::string corpus_name = name;
  size_t line_no = 0;
  bool header = false;
  auto fail = [&](const std::string& what) {
    error = "line " + std::to_string(line_no) + " of the aggregates: " + what;
    return false;
  };
  std::vector<uint32_t> seen_at;  // per entity: the day line that last listed it (duplicates)
  std::vector<uint32_t> day_articles;
  for (size_t pos = 0; pos < bytes.size();) {
    const size_t nl = std::min(bytes.find('\n', pos), bytes.size());
    const std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const json j =
        line_no == 1 ? first_line(line) : json::parse(line.data(), line.data() + line.size(), nullptr, false);
    if (!j.is_object()) return fail("not a JSON object");
    if (!header) {
      const auto f = j.find("format");
      if (f == j.end() || !f->is_string() || f->get<std::string>() != kFormat) return fail("not an aggregates header");
      const auto v = j.find("version");
      if (v == j.end() || !v->is_number_integer() || v->get<int64_t>() != 1)
        return fail("version 1 is the one this explorer reads");
      const auto s = j.find("scope");
      if (s != j.end() && (!s->is_string() || s->get<std::string>() != "document"))
        return fail("only document-scope counts can be opened");
      const auto nm = j.find("name");
      if (nm != j.end() && nm->is_string() && !nm->get<std::string>().empty())
        corpus_name = nm->get<std::string>().substr(0, 200);
      header = true;
      continue;
    }
    const auto d = j.find("day");
    if (d == j.end()) {
      const auto es = j.find("entities");
      if (es == j.end() || !es->is_array()) return fail("expected a day or a list of entities");
      if (!days.empty()) return fail("entities are listed before the days");
      for (const json& e : *es) {
        if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_string())
          return fail("an entity is [name, type]");
        const std::string& nm = e[0].get_ref<const std::string&>();
        if (nm.empty() || nm.size() > kMaxName || nm.find_first_of("\n\r") != std::string::npos)
          return fail("an entity's name is empty, over " + std::to_string(kMaxName) + " bytes or has a line break");
        EntityType t;
        if (!parse_entity_type(e[1].get_ref<const std::string&>(), t)) return fail("unknown entity type");
        if (index.entities.size() >= kMaxEntities) return fail("too many entities");
        Entity ent;
        ent.name = nm;
        ent.type = t;
        index.entities.push_back(std::move(ent));
      }
      continue;
    }
    DayLine dl;
    if (!d->is_string() || (dl.day = parse_date(d->get_ref<const std::string&>())) == kUndated ||
        format_iso(dl.day) != d->get<std::string>())
      return fail("\"day\" is not a date as YYYY-MM-DD");
    uint64_t n = 0;
    const auto a = j.find("articles");
    if (a == j.end() || !small_count(*a, n) || n == 0) return fail("\"articles\" is not a count of at least 1");
    dl.articles = static_cast<uint32_t>(n);
    seen_at.resize(index.entities.size(), 0);
    const uint32_t mark = static_cast<uint32_t>(line_no);
    const auto es = j.find("entities");
    if (es != j.end()) {
      if (!es->is_array()) return fail("a day's \"entities\" is a list");
      for (const json& e : *es) {
        uint64_t id, ea, em;
        if (!e.is_array() || e.size() != 3 || !small_count(e[0], id) || !small_count(e[1], ea) ||
            !small_count(e[2], em))
          return fail("a day's entity is [entity, articles, mentions]");
        if (id >= index.entities.size()) return fail("entity " + std::to_string(id) + " is not listed");
        if (seen_at[id] == mark) return fail("entity " + std::to_string(id) + " is listed twice");
        if (ea == 0 || ea > dl.articles || em < ea)
          return fail("entity " + std::to_string(id) + ": its counts do not fit the day's");
        seen_at[id] = mark;
        dl.entities.push_back({static_cast<uint32_t>(id), static_cast<uint32_t>(ea), static_cast<uint32_t>(em)});
      }
    }
    // The day's entities' article counts, by entity (entities not on the day: 0).
    day_articles.resize(index.entities.size(), 0);
    for (const auto& e : dl.entities) day_articles[e[0]] = e[1];
    const auto ps = j.find("pairs");
    if (ps != j.end()) {
      if (!ps->is_array()) return fail("a day's \"pairs\" is a list");
      for (const json& p : *ps) {
        uint64_t x, y, c;
        if (!p.is_array() || p.size() != 3 || !small_count(p[0], x) || !small_count(p[1], y) || !small_count(p[2], c))
          return fail("a pair is [entity, entity, articles]");
        if (x == y || x >= day_articles.size() || y >= day_articles.size() || day_articles[x] == 0 ||
            day_articles[y] == 0)
          return fail("a pair names an entity the day does not list");
        if (c == 0 || c > std::min(day_articles[x], day_articles[y]))
          return fail("a pair's count does not fit its entities'");
        dl.pairs.push_back(
            {static_cast<uint32_t>(std::min(x, y)), static_cast<uint32_t>(std::max(x, y)), static_cast<uint32_t>(c)});
      }
    }
    for (const auto& e : dl.entities) day_articles[e[0]] = 0;
    days.push_back(std::move(dl));
  }
  if (!header) {
    line_no = 1;
    return fail("empty");
  }
  if (days.empty()) {
    line_no = 0;
    error = "the aggregates hold no day";
    return false;
  }
  std::vector<uint32_t> order(days.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return days[x].day < days[y].day; });
  for (size_t k = 1; k < order.size(); ++k)
    if (days[order[k]].day == days[order[k - 1]].day) {
      error = "the aggregates list " + format_iso(days[order[k]].day) + " twice";
      return false;
    }

  // One article per day: its body lists the day's entities (most articles first), each a mention.
  auto counts = std::make_shared<DayCounts>();
  const size_t nd = days.size();
  counts->first.push_back(0);
  counts->first_pair.push_back(0);
  index.by_article.resize(nd);
  index.sentences.assign(nd, 2);
  corpus.name = corpus_name;
  std::vector<uint32_t> last_day(index.entities.size(), UINT32_MAX);
  for (size_t k = 0; k < nd; ++k) {
    DayLine& dl = days[order[k]];
    std::sort(dl.entities.begin(), dl.entities.end(), [](const auto& x, const auto& y) {
      return x[1] != y[1] ? x[1] > y[1] : x[2] != y[2] ? x[2] > y[2] : x[0] < y[0];
    });
    const std::string iso = format_iso(dl.day);
    const std::string title = with_commas(dl.articles) + (dl.articles == 1 ? " article" : " articles") +
                              " (daily counts; the text is not included)";
    std::string body = "This corpus holds daily counts (aggregates of a batch run), not articles: the text of the " +
                       with_commas(dl.articles) + (dl.articles == 1 ? " article" : " articles") +
                       " of this day is not included.";
    if (!dl.entities.empty()) body += "\n\nEntities of the day (articles, mentions): ";
    std::vector<Mention>& ms = index.by_article[k];
    for (size_t i = 0; i < dl.entities.size(); ++i) {
      const auto& [e, ea, em] = dl.entities[i];
      if (i) body += "; ";
      Mention m;
      m.entity = e;
      m.begin = static_cast<uint32_t>(body.size());
      body += index.entities[e].name;
      m.end = static_cast<uint32_t>(body.size());
      m.sentence = 1;
      m.field = 1;
      body += " (" + std::to_string(ea) + ", " + std::to_string(em) + ")";
      ms.push_back(m);
      counts->entity_articles.push_back(ea);
      counts->entity_mentions.push_back(em);
      Entity& ent = index.entities[e];
      ent.mentions += em;
      ent.articles += ea;
    }
    body += ".";
    counts->first.push_back(static_cast<uint32_t>(counts->entity_articles.size()));
    std::vector<std::pair<uint64_t, uint32_t>> pairs;
    for (const auto& [x, y, c] : dl.pairs) pairs.push_back({pair_key(x, y), c});
    std::sort(pairs.begin(), pairs.end());
    for (size_t i = 1; i < pairs.size(); ++i)
      if (pairs[i].first == pairs[i - 1].first) {
        error = "the aggregates list a pair twice on " + iso;
        return false;
      }
    counts->pairs.insert(counts->pairs.end(), pairs.begin(), pairs.end());
    counts->first_pair.push_back(static_cast<uint32_t>(counts->pairs.size()));
    counts->articles.push_back(dl.articles);
    Article art;
    art.id = iso;
    art.date = dl.day;
    art.title = corpus.keep(title);
    art.body = corpus.keep(body);
    corpus.articles.push_back(std::move(art));
  }
  for (Entity& e : index.entities) e.aliases.push_back({e.name, "name", e.mentions});
  index.counts = std::move(counts);
  corpus.finalize();
  return true;
}

std::string write_aggregates(const Corpus& corpus, const EntityIndex& index) {
  const auto quoted = [](const std::string& text) {
    return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
  };
  const auto num = [](uint64_t v) { return std::to_string(v); };
  uint64_t total = 0;
  for (size_t a = 0; a < corpus.size(); ++a) total += index.weight(a);
  std::string out = std::string("{\"format\":\"") + kFormat + "\",\"version\":1,\"name\":" + quoted(corpus.name) +
                    ",\"scope\":\"document\",\"articles\":" + num(total) +
                    ",\"entities\":" + num(index.entities.size());
  if (corpus.dated)
    out += ",\"from\":\"" + format_iso(corpus.date_min) + "\",\"to\":\"" + format_iso(corpus.date_max) + "\"";
  out += "}\n";
  for (size_t i = 0; i < index.entities.size(); i += 10000) {
    out += "{\"entities\":[";
    for (size_t k = i; k < std::min(index.entities.size(), i + 10000); ++k)
      out += std::string(k > i ? "," : "") + "[" + quoted(index.entities[k].name) + ",\"" +
             type_name(index.entities[k].type) + "\"]";
    out += "]}\n";
  }
  if (!index.counts) return out;
  const DayCounts& c = *index.counts;
  for (size_t a = 0; a < corpus.size() && a < index.by_article.size(); ++a) {
    out += "{\"day\":\"" + format_iso(corpus.articles[a].date) + "\",\"articles\":" + num(c.articles[a]) +
           ",\"entities\":[";
    const auto& ms = index.by_article[a];
    for (size_t k = 0; k < ms.size(); ++k)
      out += std::string(k ? "," : "") + "[" + num(ms[k].entity) + "," + num(c.entity_articles[c.first[a] + k]) + "," +
             num(c.entity_mentions[c.first[a] + k]) + "]";
    out += "],\"pairs\":[";
    for (uint32_t p = c.first_pair[a]; p < c.first_pair[a + 1]; ++p)
      out += std::string(p > c.first_pair[a] ? "," : "") + "[" + num(c.pairs[p].first >> 32) + "," +
             num(c.pairs[p].first & 0xffffffffu) + "," + num(c.pairs[p].second) + "]";
    out += "]}\n";
  }
  return out;
}

}  // namespace ae
