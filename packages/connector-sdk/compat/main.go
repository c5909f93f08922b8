// Command c1zdump opens a c1z file with baton-sdk's own dotc1z reader and prints every resource
// type, resource, entitlement and grant of the latest finished full sync as one JSON document
// (protojson). It exists to prove that files written by @c1/connector-sdk are readable by Baton.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	v2 "github.com/conductorone/baton-sdk/pb/c1/connector/v2"
	"github.com/conductorone/baton-sdk/pkg/connectorstore"
	"github.com/conductorone/baton-sdk/pkg/dotc1z"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

type dump struct {
	SyncID        string            `json:"syncId"`
	ResourceTypes []json.RawMessage `json:"resourceTypes"`
	Resources     []json.RawMessage `json:"resources"`
	Entitlements  []json.RawMessage `json:"entitlements"`
	Grants        []json.RawMessage `json:"grants"`
}

var marshaler = protojson.MarshalOptions{UseProtoNames: false, EmitUnpopulated: false}

func raw(m proto.Message) (json.RawMessage, error) {
	b, err := marshaler.Marshal(m)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

func run(ctx context.Context, path string) error {
	tmp, err := os.MkdirTemp("", "c1zdump-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	file, err := dotc1z.NewC1ZFile(ctx, path, dotc1z.WithReadOnly(true), dotc1z.WithTmpDir(tmp))
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer file.Close(ctx)

	syncID, err := file.LatestFinishedSyncID(ctx, connectorstore.SyncTypeFull)
	if err != nil {
		return fmt.Errorf("latest sync: %w", err)
	}
	if syncID == "" {
		return fmt.Errorf("no finished full sync in %s", path)
	}
	if err := file.ViewSync(ctx, syncID); err != nil {
		return fmt.Errorf("view sync: %w", err)
	}
	out := dump{SyncID: syncID, ResourceTypes: []json.RawMessage{}, Resources: []json.RawMessage{}, Entitlements: []json.RawMessage{}, Grants: []json.RawMessage{}}

	for token := ""; ; {
		resp, err := file.ListResourceTypes(ctx, v2.ResourceTypesServiceListResourceTypesRequest_builder{PageToken: token, ActiveSyncId: syncID}.Build())
		if err != nil {
			return fmt.Errorf("resource types: %w", err)
		}
		for _, m := range resp.GetList() {
			r, err := raw(m)
			if err != nil {
				return err
			}
			out.ResourceTypes = append(out.ResourceTypes, r)
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := file.ListResources(ctx, v2.ResourcesServiceListResourcesRequest_builder{PageToken: token, ActiveSyncId: syncID}.Build())
		if err != nil {
			return fmt.Errorf("resources: %w", err)
		}
		for _, m := range resp.GetList() {
			r, err := raw(m)
			if err != nil {
				return err
			}
			out.Resources = append(out.Resources, r)
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := file.ListEntitlements(ctx, v2.EntitlementsServiceListEntitlementsRequest_builder{PageToken: token, ActiveSyncId: syncID}.Build())
		if err != nil {
			return fmt.Errorf("entitlements: %w", err)
		}
		for _, m := range resp.GetList() {
			r, err := raw(m)
			if err != nil {
				return err
			}
			out.Entitlements = append(out.Entitlements, r)
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	for token := ""; ; {
		resp, err := file.ListGrantsWithExpansion(ctx, v2.GrantsServiceListGrantsRequest_builder{PageToken: token, ActiveSyncId: syncID}.Build())
		if err != nil {
			return fmt.Errorf("grants: %w", err)
		}
		for _, m := range resp.GetList() {
			r, err := raw(m)
			if err != nil {
				return err
			}
			out.Grants = append(out.Grants, r)
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}

	enc := json.NewEncoder(os.Stdout)
	return enc.Encode(out)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: c1zdump <file.c1z>")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "c1zdump:", err)
		os.Exit(1)
	}
}
