#include "note/property_links.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "note/links.h"
#include "note/markdown.h"
#include "note/template_tags.h"

namespace kb {

namespace {

// One scalar of the front matter, where a link may be.
struct PropertyValue {
  int line = 0;
  const std::string* key = nullptr;
  const std::string* text = nullptr;
};

// The top-level scalars and list items that may hold a link, in file order.
std::vector<PropertyValue> values_with_brackets(const FrontMatter& front) {
  // Cheap enough to ask of every value: most hold no link at all.
  const auto may_link = [](const std::string& text) {
    return text.find("[[") != std::string::npos || text.find("](") != std::string::npos;
  };
  std::vector<PropertyValue> values;
  for (const auto& [key, text] : front.fields) {
    if (!may_link(text)) continue;
    auto line = front.value_lines.find(key);
    values.push_back(
        PropertyValue{line == front.value_lines.end() ? front.key_lines.at(key) : line->second,
                      &key, &text});
  }
  for (const auto& [key, list] : front.lists) {
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (may_link(list.items[i])) values.push_back(PropertyValue{list.lines[i], &key, &list.items[i]});
    }
  }
  std::stable_sort(values.begin(), values.end(),
                   [](const PropertyValue& a, const PropertyValue& b) { return a.line < b.line; });
  return values;
}

// A link found in one block of a value, and where it is in the block's text.
struct Found {
  Link link;
  TextSpan span;
};

// The links of one value, with their contexts.
void add_links_of(const PropertyValue& value, std::vector<Link>& out) {
  // The same reading as the body's: wikilinks into stand-ins before cmark
  // sees their brackets. Template tags and comments in a value are text.
  std::string text = *value.text;
  std::vector<std::string> comments;
  strip_template_tags(text, comments);
  const MarkdownDocument doc = parse_markdown(text);
  std::vector<TextSpan> spans;
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    std::vector<Found> found;
    for (const RawLink& raw : doc.links) {
      if (raw.block != static_cast<int>(b)) continue;
      const Link::Kind kind = raw.image ? Link::Kind::kImage
                              : raw.autolink ? Link::Kind::kAutolink
                                             : Link::Kind::kMarkdown;
      Link link = make_markdown_link(kind, raw.destination, raw.text,
                                     value.line + raw.line - 1);
      if (!link.external) found.push_back(Found{std::move(link), raw.span});
    }
    spans.clear();
    std::vector<Link> text_links =
        find_text_links(doc.markup[b], value.line + block.first_line - 1, &spans);
    for (std::size_t i = 0; i < text_links.size(); ++i) {
      if (text_links[i].external) continue;
      const TextSpan in_text{doc.markup_to_text[b].text_offset(spans[i].begin),
                             doc.markup_to_text[b].text_offset(spans[i].end)};
      found.push_back(Found{std::move(text_links[i]), in_text});
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
      return x.span.begin < y.span.begin;
    });

    // "KEY: " and the block's text (wikilinks by their display text) on one line.
    const std::string prefix = *value.key + ": ";
    std::string shown = prefix + block.text;
    std::replace(shown.begin() + static_cast<std::ptrdiff_t>(prefix.size()), shown.end(), '\n', ' ');
    std::vector<TextSpan> shown_spans;
    for (const Found& f : found) {
      const std::size_t begin = std::min(f.span.begin, block.text.size());
      const std::size_t end = std::clamp(f.span.end, begin, block.text.size());
      shown_spans.push_back(TextSpan{prefix.size() + begin, prefix.size() + end});
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
      found[i].link.context = link_context(shown, shown_spans[i]);
      out.push_back(std::move(found[i].link));
    }
  }
}

}  // namespace

std::vector<Link> property_links(const FrontMatter& front) {
  std::vector<Link> links;
  for (const PropertyValue& value : values_with_brackets(front)) add_links_of(value, links);
  return links;
}

}  // namespace kb
