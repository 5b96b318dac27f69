module github.com/haishin/status/internal/gen

go 1.26.0

require golang.org/x/text v0.44.0

require github.com/haishin/status v0.0.0

replace github.com/haishin/status => ../..
