# A corpus judgment (tests/corpus/*.txt) as the scan generator's input
# (tests/scangen/page_layout.h): the flattened two-column header (a wide gap
# between the columns) becomes two centred lines, since OCR reads printed
# columns one after the other; short lines in capitals become centred
# headings; everything else a paragraph.
{ sub(/\r$/, "") }
/^[[:space:]]*$/ { next }
/\f/ { gsub(/\f/, "") }
{
  line = $0
  if (match(line, /[^ ]    +[^ ]/)) {
    left = substr(line, 1, RSTART); right = substr(line, RSTART + RLENGTH - 1)
    sub(/^[[:space:]]+/, "", left); sub(/^[[:space:]]+/, "", right)
    print "## " left; print "## " right; next
  }
  sub(/^[[:space:]]+/, "", line)
  if (line == toupper(line) && length(line) < 80) print "## " line; else print line
}
