// Command fixtureconnector is a small connector written against baton-sdk's connectorbuilder.
// It serves one scenario of test/fixtures/expansion-graphs.json (users, bots, groups and roles
// whose members may be expandable nested groups) so that baton-sdk's own syncer writes the c1z
// file the TypeScript engine's output is compared with.
//
// Usage: fixtureconnector --fixture FILE --scenario NAME --file OUT.c1z --storage-engine sqlite
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

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

type expand struct {
	Shallow         bool     `json:"shallow"`
	ResourceTypeIDs []string `json:"resourceTypeIds"`
}

type member struct {
	Principal string  `json:"principal"`
	Expand    *expand `json:"expand"`
}

type scenario struct {
	// ETags puts a c1.connector.v2.ETag annotation on every grant, as Baton's connectors did.
	ETags  bool                `json:"etags"`
	Groups map[string][]member `json:"groups"`
	Roles  map[string][]member `json:"roles"`
}

type fixture struct {
	Users     []string            `json:"users"`
	Bots      []string            `json:"bots"`
	Scenarios map[string]scenario `json:"scenarios"`
}

var (
	userType  = &v2.ResourceType{Id: "user", DisplayName: "User", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_USER}}
	botType   = &v2.ResourceType{Id: "bot", DisplayName: "Bot", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_USER}}
	groupType = &v2.ResourceType{Id: "group", DisplayName: "Group", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_GROUP}}
	roleType  = &v2.ResourceType{Id: "role", DisplayName: "Role", Traits: []v2.ResourceType_Trait{v2.ResourceType_TRAIT_ROLE}}
)

// slugOf is the entitlement each resource type offers.
var slugOf = map[string]string{"group": "member", "role": "assigned"}

type syncer struct {
	rt      *v2.ResourceType
	ids     []string
	members map[string][]member
	etags   bool
}

func (s *syncer) ResourceType(context.Context) *v2.ResourceType { return s.rt }

func (s *syncer) resource(id string) (*v2.Resource, error) {
	switch s.rt.GetId() {
	case "user":
		return rs.NewUserResource(id, s.rt, id, []rs.UserTraitOption{rs.WithEmail(id+"@example.com", true), rs.WithAccountType(v2.UserTrait_ACCOUNT_TYPE_HUMAN), rs.WithStatus(v2.UserTrait_Status_STATUS_ENABLED)})
	case "bot":
		return rs.NewUserResource(id, s.rt, id, []rs.UserTraitOption{rs.WithAccountType(v2.UserTrait_ACCOUNT_TYPE_SERVICE), rs.WithStatus(v2.UserTrait_Status_STATUS_ENABLED)})
	case "group":
		return rs.NewGroupResource(id, s.rt, id, nil)
	default:
		return rs.NewRoleResource(id, s.rt, id, nil)
	}
}

func (s *syncer) List(_ context.Context, _ *v2.ResourceId, _ *pagination.Token) ([]*v2.Resource, string, annotations.Annotations, error) {
	out := make([]*v2.Resource, 0, len(s.ids))
	for _, id := range s.ids {
		r, err := s.resource(id)
		if err != nil {
			return nil, "", nil, err
		}
		out = append(out, r)
	}
	return out, "", nil, nil
}

func (s *syncer) Entitlements(_ context.Context, r *v2.Resource, _ *pagination.Token) ([]*v2.Entitlement, string, annotations.Annotations, error) {
	slug, ok := slugOf[s.rt.GetId()]
	if !ok {
		return nil, "", nil, nil
	}
	name := r.GetDisplayName()
	e := entitlement.NewAssignmentEntitlement(r, slug,
		entitlement.WithGrantableTo(userType, botType, groupType),
		entitlement.WithDisplayName(name+" "+slug),
		entitlement.WithDescription(slug+" of "+name))
	return []*v2.Entitlement{e}, "", nil, nil
}

func (s *syncer) Grants(_ context.Context, r *v2.Resource, _ *pagination.Token) ([]*v2.Grant, string, annotations.Annotations, error) {
	slug, ok := slugOf[s.rt.GetId()]
	if !ok {
		return nil, "", nil, nil
	}
	var out []*v2.Grant
	for _, m := range s.members[r.GetId().GetResource()] {
		typ, id, found := strings.Cut(m.Principal, ":")
		if !found {
			return nil, "", nil, fmt.Errorf("member %q is not <type>:<id>", m.Principal)
		}
		principal := &v2.ResourceId{ResourceType: typ, Resource: id}
		var opts []grant.GrantOption
		if m.Expand != nil {
			opts = append(opts, grant.WithAnnotation(&v2.GrantExpandable{
				EntitlementIds:  []string{typ + ":" + id + ":" + slugOf[typ]},
				Shallow:         m.Expand.Shallow,
				ResourceTypeIds: m.Expand.ResourceTypeIDs,
			}))
		}
		if s.etags {
			opts = append(opts, grant.WithAnnotation(&v2.ETag{Value: "etag-" + m.Principal}))
		}
		out = append(out, grant.NewGrant(r, slug, principal, opts...))
	}
	return out, "", nil, nil
}

type connector struct {
	fx fixture
	sc scenario
}

func (c *connector) Metadata(context.Context) (*v2.ConnectorMetadata, error) {
	return &v2.ConnectorMetadata{DisplayName: "Fixture", Description: "Expansion fixture"}, nil
}

func (c *connector) Validate(context.Context) (annotations.Annotations, error) { return nil, nil }

func keys(m map[string][]member) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (c *connector) ResourceSyncers(context.Context) []connectorbuilder.ResourceSyncer {
	return []connectorbuilder.ResourceSyncer{
		&syncer{rt: userType, ids: c.fx.Users},
		&syncer{rt: botType, ids: c.fx.Bots},
		&syncer{rt: groupType, ids: keys(c.sc.Groups), members: c.sc.Groups, etags: c.sc.ETags},
		&syncer{rt: roleType, ids: keys(c.sc.Roles), members: c.sc.Roles, etags: c.sc.ETags},
	}
}

var (
	fixtureField  = field.StringField("fixture", field.WithDescription("The fixture JSON file"), field.WithRequired(true))
	scenarioField = field.StringField("scenario", field.WithDescription("The scenario to serve"), field.WithRequired(true))
)

func newConnector(ctx context.Context, v *viper.Viper) (types.ConnectorServer, error) {
	raw, err := os.ReadFile(v.GetString(fixtureField.FieldName))
	if err != nil {
		return nil, err
	}
	var fx fixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		return nil, fmt.Errorf("fixture: %w", err)
	}
	sc, ok := fx.Scenarios[v.GetString(scenarioField.FieldName)]
	if !ok {
		return nil, fmt.Errorf("no scenario %q in the fixture", v.GetString(scenarioField.FieldName))
	}
	return connectorbuilder.NewConnector(ctx, &connector{fx: fx, sc: sc})
}

func main() {
	ctx := context.Background()
	_, cmd, err := config.DefineConfiguration(ctx, "fixtureconnector", newConnector,
		field.Configuration{Fields: []field.SchemaField{fixtureField, scenarioField}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
