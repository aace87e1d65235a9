// entity_type.h — the three kinds of named entity the explorer tracks. Layer: core.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ae {

enum class EntityType : uint8_t { Person = 0, Org = 1, Place = 2 };
constexpr int kEntityTypes = 3;

const char* type_name(EntityType t);    // "person", "org", "place"
const char* type_plural(EntityType t);  // "people", "orgs", "places"
// Reads a type as written in input files: person/people/per, org/orgs/organisation/organization,
// place/places/location/loc/gpe (any case). false when it is none of these.
bool parse_entity_type(std::string_view text, EntityType& out);

// An entity given with an article in the input (then the article is not extracted).
// Its strings are views of text kept by the corpus (Corpus::keep).
struct GivenEntity {
  std::string_view name;
  EntityType type = EntityType::Person;
  std::vector<std::string_view> aliases;
};

}  // namespace ae
