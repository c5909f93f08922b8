// Command benchconnector is the workload of the SDK's bench/sync-1m.mjs written against
// baton-sdk's connectorbuilder, so bench/compare.mjs can put baton-sdk's own syncer beside the
// TypeScript store: BENCH_USERS users (login and primary email), BENCH_GROUPS groups with one
// `member` assignment entitlement each and BENCH_MEMBERS grants per group, every listing served
// from memory in pages of 500 with offset tokens.
//
// Usage: benchconnector --file OUT.c1z [--storage-engine sqlite|pebble]
//
// After the sync it prints one line of JSON with its wall and CPU seconds and peak RSS, the
// connector process baton-sdk starts for the sync included.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/annotations"
	"github.com/conductorone/baton-sdk/pkg/config"
	"github.com/conductorone/baton-sdk/pkg/connectorbuilder"
	"github.com/conductorone/baton-sdk/pkg/field"
	"github.com/conductorone/baton-sdk/pkg/pagination"
	"github.com/conductorone/baton-sdk/pkg/types"
	"github.com/conductorone/baton-sdk/pkg/types/entitlement"
	"github.com/conductorone/baton-sdk/pkg/types/grant"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"github.com/spf13/viper"
)

const pageSize = 500

var (
	userType  = &v2.ResourceType{Id: "user", DisplayName: "User", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_USER}}
	groupType = &v2.ResourceType{Id: "group", DisplayName: "Group", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_GROUP}}
)

// sizeFromEnv reads a positive count from the environment, or returns the default.
func sizeFromEnv(name string, fallback int) int {
	n, err := strconv.Atoi(os.Getenv(name))
	if err != nil || n <= 0 {
		return fallback
	}
	return n
}

var (
	users   = sizeFromEnv("BENCH_USERS", 100_000)
	groups  = sizeFromEnv("BENCH_GROUPS", 1_000)
	members = sizeFromEnv("BENCH_MEMBERS", 1_000)
)

// page builds the page of a listing of count items that a page token asks for, one item per
// index with build, and returns it with the token of the page after it ("" at the end).
func page[T any](pToken *pagination.Token, count int, build func(i int) (T, error)) ([]T, string, annotations.Annotations, error) {
	offset := 0
	if pToken != nil && pToken.Token != "" {
		n, err := strconv.Atoi(pToken.Token)
		if err != nil {
			return nil, "", nil, fmt.Errorf("bad page token %q", pToken.Token)
		}
		offset = n
	}
	end := min(offset+pageSize, count)
	out := []T{}
	for i := offset; i < end; i++ {
		item, err := build(i)
		if err != nil {
			return nil, "", nil, err
		}
		out = append(out, item)
	}
	next := ""
	if end < count {
		next = strconv.Itoa(end)
	}
	return out, next, nil, nil
}

type userSyncer struct{}

func (userSyncer) ResourceType(context.Context) *v2.ResourceType { return userType }

func (userSyncer) List(_ context.Context, _ *v2.ResourceId, pToken *pagination.Token) ([]*v2.Resource, string, annotations.Annotations, error) {
	return page(pToken, users, func(i int) (*v2.Resource, error) {
		id := strconv.Itoa(i + 1)
		return rs.NewUserResource("User "+id, userType, id, []rs.UserTraitOption{
			rs.WithUserLogin("user" + id),
			rs.WithEmail("user"+id+"@example.com", true),
		})
	})
}

func (userSyncer) Entitlements(context.Context, *v2.Resource, *pagination.Token) ([]*v2.Entitlement, string, annotations.Annotations, error) {
	return nil, "", nil, nil
}

func (userSyncer) Grants(context.Context, *v2.Resource, *pagination.Token) ([]*v2.Grant, string, annotations.Annotations, error) {
	return nil, "", nil, nil
}

type groupSyncer struct{}

func (groupSyncer) ResourceType(context.Context) *v2.ResourceType { return groupType }

func (groupSyncer) List(_ context.Context, _ *v2.ResourceId, pToken *pagination.Token) ([]*v2.Resource, string, annotations.Annotations, error) {
	return page(pToken, groups, func(i int) (*v2.Resource, error) {
		return rs.NewGroupResource("Group "+strconv.Itoa(i+1), groupType, "g"+strconv.Itoa(i+1), nil)
	})
}

func (groupSyncer) Entitlements(_ context.Context, r *v2.Resource, _ *pagination.Token) ([]*v2.Entitlement, string, annotations.Annotations, error) {
	return []*v2.Entitlement{entitlement.NewAssignmentEntitlement(r, "member")}, "", nil, nil
}

func (groupSyncer) Grants(_ context.Context, r *v2.Resource, pToken *pagination.Token) ([]*v2.Grant, string, annotations.Annotations, error) {
	index, err := strconv.Atoi(r.GetId().GetResource()[1:])
	if err != nil {
		return nil, "", nil, err
	}
	return page(pToken, members, func(i int) (*v2.Grant, error) {
		principal := &v2.ResourceId{ResourceType: "user", Resource: strconv.Itoa(((index-1)*7919+i)%users + 1)}
		return grant.NewGrant(r, "member", principal), nil
	})
}

type connector struct{}

func (connector) Metadata(context.Context) (*v2.ConnectorMetadata, error) {
	return &v2.ConnectorMetadata{DisplayName: "Synthetic"}, nil
}

func (connector) Validate(context.Context) (annotations.Annotations, error) { return nil, nil }

func (connector) ResourceSyncers(context.Context) []connectorbuilder.ResourceSyncer {
	return []connectorbuilder.ResourceSyncer{userSyncer{}, groupSyncer{}}
}

func newConnector(ctx context.Context, _ *viper.Viper) (types.ConnectorServer, error) {
	return connectorbuilder.NewConnector(ctx, connector{})
}

func main() {
	started := time.Now()
	ctx := context.Background()
	_, cmd, err := config.DefineConfiguration(ctx, "benchconnector", newConnector, field.Configuration{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// baton-sdk runs the connector as a child process it talks to over gRPC and waits for at
	// the end, so the figures add the child's to this process's own.
	var self, child syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &child); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cpu := time.Duration(self.Utime.Nano() + self.Stime.Nano() + child.Utime.Nano() + child.Stime.Nano())
	figures := map[string]float64{
		"seconds":    time.Since(started).Seconds(),
		"cpuSeconds": cpu.Seconds(),
		// The peaks of the two processes, which run side by side, added up.
		"peakRssMiB":      float64(self.Maxrss+child.Maxrss) / 1024,
		"childPeakRssMiB": float64(child.Maxrss) / 1024,
	}
	if err := json.NewEncoder(os.Stdout).Encode(figures); err != nil {
		os.Exit(1)
	}
}
