// Package layout is the presentation of the static site (render/site):
// its HTML templates, its one stylesheet and its interface words in
// Dutch, French and English. The site builds the data of each page (the
// field names the templates read) and renders it here; every text from
// the data goes through html/template, which escapes it for its context.
//
// Concurrency: the templates and tables are read-only; Execute is safe
// for concurrent use.
package layout
