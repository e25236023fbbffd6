# SPDX-License-Identifier: GPL-3.0-or-later
"""Make Trove's bundled demo library with Blender (3.4+), headless.

    blender -b --factory-startup --python-exit-code 1 \
            --python data/demo-library-src/make-demo-library.py -- OUT_DIR

Everything is built from scratch in one session: procedural materials,
modelled props, skies, node groups and pose actions. Each asset's preview is
a real Cycles render (CPU, 128 px, no denoising: Debian's Blender has no
OpenImageDenoise). The assets are then written, grouped by kind, into small
zstd-compressed .blend files with bpy.data.libraries.write(), which stores
only the assets and what they depend on (no UI data), and the catalog file is
written in exactly Blender's format.

The assets were made by the Trove project and are distributed under the
project's license, GPL-3.0-or-later.
"""

import math
import os
import sys
import tempfile

import bpy

AUTHOR = "Trove Project"
PREVIEW_SIZE = 128
SAMPLES = 24

# Catalogs: fixed UUIDs so that the library is reproducible. "Props" and
# "Nodes" have no line of their own (implicit parents); Materials/Metal has
# two UUIDs (an alias, as after merging two libraries).
CATALOGS = [
    ("0a3f6c1e-5b2d-4e8a-9c41-2f7d8e6b1a01", "Materials", "Materials"),
    ("1b4e7d2f-6c3e-4f9b-8d52-3e8f9f7c2b02", "Materials/Metal", "Materials-Metal"),
    ("f7c2b1a0-9e8d-4c7b-a6f5-4e3d2c1b0a93", "Materials/Metal", "Metals (imported)"),
    ("2c5f8e3a-7d4f-4a0c-9e63-4f9a0a8d3c03", "Materials/Wood", "Materials-Wood"),
    ("3d6a9f4b-8e5a-4b1d-8f74-5a0b1b9e4d04", "Materials/Stone", "Materials-Stone"),
    ("4e7b0a5c-9f6b-4c2e-9a85-6b1c2c0f5e05", "Materials/Fabric", "Materials-Fabric"),
    ("e27fae50-9d6f-4a2c-8e2f-6f1a2a0d5c15", "Materials/Synthetic", "Materials-Synthetic"),
    ("5f8c1b6d-0a7c-4d3f-8b96-7c2d3d1a6f06", "Props/Containers", "Props-Containers"),
    ("6a9d2c7e-1b8d-4e4a-9ca7-8d3e4e2b7a07", "Props/Furniture", "Props-Furniture"),
    ("7b0e3d8f-2c9e-4f5b-8db8-9e4f5f3c8b08", "Props/Lighting", "Props-Lighting"),
    ("8c1f4e9a-3d0f-4a6c-9ec9-0f5a6a4d9c09", "Nature/Rocks", "Nature-Rocks"),
    ("9d2a5f0b-4e1a-4b7d-8fda-1a6b7b5e0d10", "Worlds/Sky", "Worlds-Sky"),
    ("ae3b6a1c-5f2b-4c8e-9aeb-2b7c8c6f1e11", "Worlds/Studio", "Worlds-Studio"),
    ("bf4c7b2d-6a3c-4d9f-8bfc-3c8d9d7a2f12", "Nodes/Geometry", "Nodes-Geometry"),
    ("c05d8c3e-7b4d-4e0a-9c0d-4d9e0e8b3a13", "Nodes/Shading", "Nodes-Shading"),
    ("d16e9d4f-8c5e-4f1b-8d1e-5e0f1f9c4b14", "Animation/Poses", "Animation-Poses"),
]
CATALOG = {}
for uuid, path, _simple in CATALOGS:
    CATALOG.setdefault(path, uuid)
METAL_ALIAS = "f7c2b1a0-9e8d-4c7b-a6f5-4e3d2c1b0a93"

CATALOG_HEADER = (
    "# This is an Asset Catalog Definition file for Blender.\n"
    "#\n"
    "# Empty lines and lines starting with `#` will be ignored.\n"
    "# The first non-ignored line should be the version indicator.\n"
    '# Other lines are of the format "UUID:catalog/path/for/assets:simple catalog name"\n'
    "\n"
    "VERSION 1\n"
    "\n"
)


def write_catalogs(out_dir):
    # Blender's write order: path bytes, then (first loaded, then) UUID.
    lines = sorted(CATALOGS, key=lambda c: (c[1].encode(), c[0]))
    with open(os.path.join(out_dir, "blender_assets.cats.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write(CATALOG_HEADER)
        for uuid, path, simple in lines:
            f.write(f"{uuid}:{path}:{simple}\n")


# --- the preview studio ------------------------------------------------------

def setup_studio():
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = SAMPLES
    scene.cycles.use_denoising = False
    scene.cycles.max_bounces = 6
    scene.render.resolution_x = PREVIEW_SIZE
    scene.render.resolution_y = PREVIEW_SIZE
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA"
    scene.view_settings.view_transform = "Standard"
    scene.view_settings.look = "Medium High Contrast"

    # A gradient (dark floor, bright sky) gives metals a horizon to reflect.
    world = studio_world("Studio Light")
    world.node_tree.nodes["Background"].inputs["Strength"].default_value = 0.8
    scene.world = world

    cam_data = bpy.data.cameras.new("Preview Camera")
    cam = bpy.data.objects.new("Preview Camera", cam_data)
    scene.collection.objects.link(cam)
    scene.camera = cam

    key = bpy.data.lights.new("Key", "AREA")
    key.energy = 400
    key.size = 3
    key_ob = bpy.data.objects.new("Key", key)
    key_ob.location = (3, -3, 4)
    key_ob.rotation_euler = (math.radians(50), 0, math.radians(45))
    scene.collection.objects.link(key_ob)

    rim = bpy.data.lights.new("Rim", "AREA")
    rim.energy = 150
    rim.size = 2
    rim_ob = bpy.data.objects.new("Rim", rim)
    rim_ob.location = (-3, 3, 2.5)
    rim_ob.rotation_euler = (math.radians(-60), 0, math.radians(-135))
    scene.collection.objects.link(rim_ob)
    return scene, cam


def aim_camera(cam, target=(0, 0, 0), distance=4.0, elevation=22, azimuth=-40, lens=50):
    cam.data.lens = lens
    el, az = math.radians(elevation), math.radians(azimuth)
    tx, ty, tz = target
    cam.location = (tx + distance * math.cos(el) * math.sin(-az),
                    ty - distance * math.cos(el) * math.cos(az),
                    tz + distance * math.sin(el))
    direction = (tx - cam.location[0], ty - cam.location[1], tz - cam.location[2])
    cam.rotation_euler = direction_to_euler(direction)


def direction_to_euler(d):
    from mathutils import Vector
    return Vector(d).to_track_quat("-Z", "Y").to_euler()


def render_into_preview(scene, idb, tmp_dir):
    path = os.path.join(tmp_dir, "preview.png")
    scene.render.filepath = path
    bpy.ops.render.render(write_still=True)
    image = bpy.data.images.load(path, check_existing=False)
    pixels = [0.0] * (PREVIEW_SIZE * PREVIEW_SIZE * 4)
    image.pixels.foreach_get(pixels)
    bpy.data.images.remove(image)
    # Both the image and the preview store rows bottom-up: copy as is.
    preview = idb.preview_ensure()
    preview.image_size = (PREVIEW_SIZE, PREVIEW_SIZE)
    preview.image_pixels_float.foreach_set(pixels)


class Stage:
    """Objects shown for one render, removed afterwards."""

    def __init__(self, scene):
        self.scene = scene
        self.objects = []

    def add(self, ob):
        self.scene.collection.objects.link(ob)
        self.objects.append(ob)
        return ob

    def clear(self):
        for ob in self.objects:
            self.scene.collection.objects.unlink(ob)
        self.objects = []


def mark(idb, description, tags, catalog_path=None, catalog_uuid=None):
    idb.asset_mark()
    data = idb.asset_data
    data.description = description
    data.author = AUTHOR
    for tag in tags:
        data.tags.new(tag)
    uuid = catalog_uuid or (CATALOG[catalog_path] if catalog_path else None)
    if uuid:
        data.catalog_id = uuid


# --- materials ---------------------------------------------------------------

def principled(mat):
    mat.use_nodes = True
    nodes = mat.node_tree.nodes
    return nodes, mat.node_tree.links, nodes["Principled BSDF"]


def noise_ramp(nodes, links, bsdf, scale, stops, detail=8.0, distortion=0.0, into="Base Color"):
    coord = nodes.new("ShaderNodeTexCoord")
    noise = nodes.new("ShaderNodeTexNoise")
    noise.inputs["Scale"].default_value = scale
    noise.inputs["Detail"].default_value = detail
    noise.inputs["Distortion"].default_value = distortion
    ramp = nodes.new("ShaderNodeValToRGB")
    elements = ramp.color_ramp.elements
    elements[0].position, elements[0].color = stops[0]
    elements[1].position, elements[1].color = stops[-1]
    for position, color in stops[1:-1]:
        e = elements.new(position)
        e.color = color
    links.new(coord.outputs["Object"], noise.inputs["Vector"])
    links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], bsdf.inputs[into])
    return noise


def bump_from(nodes, links, bsdf, socket, strength):
    bump = nodes.new("ShaderNodeBump")
    bump.inputs["Strength"].default_value = strength
    links.new(socket, bump.inputs["Height"])
    links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])


def metal(name, color, roughness, rust=False, brushed=False):
    mat = bpy.data.materials.new(name)
    nodes, links, bsdf = principled(mat)
    bsdf.inputs["Metallic"].default_value = 1.0
    bsdf.inputs["Base Color"].default_value = (*color, 1)
    bsdf.inputs["Roughness"].default_value = roughness
    if brushed:
        bsdf.inputs["Anisotropic"].default_value = 0.8
        noise = nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = 60
        mapping = nodes.new("ShaderNodeMapping")
        mapping.inputs["Scale"].default_value = (1, 1, 40)
        coord = nodes.new("ShaderNodeTexCoord")
        links.new(coord.outputs["Object"], mapping.inputs["Vector"])
        links.new(mapping.outputs["Vector"], noise.inputs["Vector"])
        bump_from(nodes, links, bsdf, noise.outputs["Fac"], 0.05)
    if rust:
        noise = noise_ramp(nodes, links, bsdf, 4.0, [
            (0.35, (*color, 1)), (0.55, (0.35, 0.12, 0.04, 1)), (0.8, (0.18, 0.06, 0.02, 1))],
            distortion=1.5)
        bsdf.inputs["Metallic"].default_value = 0.6
        bsdf.inputs["Roughness"].default_value = 0.7
        bump_from(nodes, links, bsdf, noise.outputs["Fac"], 0.3)
    return mat


def wood(name, light, dark, scale, knots=False):
    mat = bpy.data.materials.new(name)
    nodes, links, bsdf = principled(mat)
    coord = nodes.new("ShaderNodeTexCoord")
    wave = nodes.new("ShaderNodeTexWave")
    wave.wave_type = "RINGS"
    wave.inputs["Scale"].default_value = scale
    wave.inputs["Distortion"].default_value = 6 if knots else 3
    wave.inputs["Detail"].default_value = 4
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = (*dark, 1)
    ramp.color_ramp.elements[1].color = (*light, 1)
    links.new(coord.outputs["Object"], wave.inputs["Vector"])
    links.new(wave.outputs["Fac"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    bsdf.inputs["Roughness"].default_value = 0.55
    bump_from(nodes, links, bsdf, wave.outputs["Fac"], 0.1)
    return mat


def stone(name, stops, scale, roughness, voronoi=False):
    mat = bpy.data.materials.new(name)
    nodes, links, bsdf = principled(mat)
    noise = noise_ramp(nodes, links, bsdf, scale, stops, detail=12, distortion=0.4)
    bsdf.inputs["Roughness"].default_value = roughness
    if voronoi:
        vor = nodes.new("ShaderNodeTexVoronoi")
        vor.inputs["Scale"].default_value = scale * 3
        bump_from(nodes, links, bsdf, vor.outputs["Distance"], 0.25)
    else:
        bump_from(nodes, links, bsdf, noise.outputs["Fac"], 0.2)
    return mat


def fabric(name, color, sheen, weave_scale):
    mat = bpy.data.materials.new(name)
    nodes, links, bsdf = principled(mat)
    bsdf.inputs["Base Color"].default_value = (*color, 1)
    bsdf.inputs["Sheen"].default_value = sheen
    bsdf.inputs["Roughness"].default_value = 0.85
    brick = nodes.new("ShaderNodeTexBrick")
    brick.inputs["Scale"].default_value = weave_scale
    brick.inputs["Mortar Size"].default_value = 0.01
    coord = nodes.new("ShaderNodeTexCoord")
    links.new(coord.outputs["UV"], brick.inputs["Vector"])
    bump_from(nodes, links, bsdf, brick.outputs["Fac"], 0.15)
    return mat


def plastic(name, color, roughness, transmission=0.0):
    mat = bpy.data.materials.new(name)
    nodes, links, bsdf = principled(mat)
    bsdf.inputs["Base Color"].default_value = (*color, 1)
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Transmission"].default_value = transmission
    bsdf.inputs["Clearcoat"].default_value = 0.0 if transmission else 0.5
    return mat


def material_specs():
    grey = lambda v: (v, v, v, 1)
    return [
        ("metals", metal("Brushed Steel", (0.62, 0.63, 0.65), 0.3, brushed=True),
         "Satin stainless steel with fine directional brushing.", ["metal", "steel", "pbr"],
         "Materials/Metal", None),
        ("metals", metal("Copper", (0.95, 0.55, 0.38), 0.22),
         "Polished copper with a soft warm reflection.", ["metal", "copper", "pbr"],
         "Materials/Metal", None),
        ("metals", metal("Gold", (1.0, 0.77, 0.34), 0.18),
         "Bright yellow gold, lightly worn.", ["metal", "gold", "precious"],
         None, METAL_ALIAS),
        ("metals", metal("Rusty Iron", (0.45, 0.45, 0.47), 0.5, rust=True),
         "Weathered iron with patches of orange rust.", ["metal", "rust", "weathered"],
         None, METAL_ALIAS),
        ("woods", wood("Oak", (0.62, 0.42, 0.22), (0.38, 0.22, 0.1), 3.0),
         "Light oak with even growth rings.", ["wood", "oak", "procedural"],
         "Materials/Wood", None),
        ("woods", wood("Walnut", (0.36, 0.2, 0.1), (0.16, 0.08, 0.04), 2.5),
         "Dark walnut with rich brown grain.", ["wood", "walnut", "procedural"],
         "Materials/Wood", None),
        ("woods", wood("Pine", (0.85, 0.66, 0.42), (0.6, 0.4, 0.2), 2.0, knots=True),
         "Pale pine with knots, for rough carpentry.", ["wood", "pine", "procedural"],
         "Materials/Wood", None),
        ("stone", stone("Granite", [(0.3, grey(0.08)), (0.5, (0.55, 0.5, 0.48, 1)),
                                    (0.7, grey(0.85))], 40, 0.45),
         "Speckled grey granite, polished.", ["stone", "granite"], "Materials/Stone", None),
        ("stone", stone("Marble", [(0.45, grey(0.95)), (0.5, grey(0.55)), (0.55, grey(0.95))],
                        3, 0.15),
         "White marble with grey veins.", ["stone", "marble", "polished"],
         "Materials/Stone", None),
        ("stone", stone("Slate", [(0.3, (0.12, 0.14, 0.17, 1)), (0.7, (0.25, 0.28, 0.32, 1))],
                        8, 0.7, voronoi=True),
         "Dark blue-grey slate with a cleft surface.", ["stone", "slate", "roof"],
         "Materials/Stone", None),
        ("stone", stone("Concrete", [(0.3, grey(0.35)), (0.7, grey(0.55))], 25, 0.9),
         "Plain cast concrete with fine pores.", ["stone", "concrete", "urban"],
         "Materials/Stone", None),
        ("fabric", fabric("Denim", (0.1, 0.2, 0.42), 0.3, 80),
         "Indigo denim twill.", ["fabric", "cloth", "denim"], "Materials/Fabric", None),
        ("fabric", fabric("Velvet", (0.45, 0.02, 0.06), 1.0, 200),
         "Deep red velvet with a strong sheen.", ["fabric", "cloth", "velvet"],
         "Materials/Fabric", None),
        ("fabric", fabric("Burlap", (0.55, 0.42, 0.25), 0.2, 30),
         "Coarse jute burlap, as on sacks.", ["fabric", "cloth", "rustic"],
         "Materials/Fabric", None),
        ("fabric", fabric("Leather", (0.3, 0.12, 0.05), 0.4, 12),
         "Brown leather with a subtle grain.", ["fabric", "leather"], "Materials/Fabric", None),
        ("synthetic", plastic("Red Plastic", (0.7, 0.03, 0.02), 0.25),
         "Glossy injection-moulded red plastic.", ["plastic", "glossy"],
         "Materials/Synthetic", None),
        ("synthetic", plastic("Frosted Glass", (0.9, 0.95, 1.0), 0.2, transmission=1.0),
         "Clear glass with a light frosting.", ["glass", "transparent"],
         "Materials/Synthetic", None),
    ]


def render_material(scene, cam, stage, mat, tmp_dir, target=None):
    bpy.ops.mesh.primitive_uv_sphere_add(segments=64, ring_count=32, radius=1)
    sphere = bpy.context.active_object
    bpy.ops.object.shade_smooth()
    sphere.data.materials.append(mat)
    stage.objects.append(sphere)
    aim_camera(cam, distance=3.4, elevation=15)
    render_into_preview(scene, target or mat, tmp_dir)
    stage.clear()
    bpy.data.meshes.remove(sphere.data)


# --- props -------------------------------------------------------------------

def new_object(name, mesh_op, **kwargs):
    mesh_op(**kwargs)
    ob = bpy.context.active_object
    ob.name = name
    ob.data.name = name
    return ob


def join(objects, name):
    bpy.ops.object.select_all(action="DESELECT")
    for ob in objects:
        ob.select_set(True)
    bpy.context.view_layer.objects.active = objects[0]
    bpy.ops.object.join()
    ob = bpy.context.active_object
    ob.name = name
    ob.data.name = name
    return ob


def prop_material(source):
    # Props get their own copy so that they do not carry the material asset along.
    mat = source.copy()
    mat.asset_clear()
    mat.name = source.name + " (prop)"
    return mat


def make_crate(mats):
    ob = new_object("Wooden Crate", bpy.ops.mesh.primitive_cube_add, size=1.6)
    bevel = ob.modifiers.new("Bevel", "BEVEL")
    bevel.width = 0.06
    bevel.segments = 3
    ob.data.materials.append(prop_material(mats["Oak"]))
    return ob


def make_barrel(mats):
    body = new_object("Barrel", bpy.ops.mesh.primitive_cylinder_add, vertices=48, radius=0.7,
                      depth=1.8)
    bpy.ops.object.shade_smooth()
    bands = []
    for z in (-0.6, 0.0, 0.6):
        band = new_object("Band", bpy.ops.mesh.primitive_torus_add, major_radius=0.72,
                          minor_radius=0.04, location=(0, 0, z))
        bands.append(band)
    body.data.materials.append(prop_material(mats["Walnut"]))
    for band in bands:
        band.data.materials.append(prop_material(mats["Rusty Iron"]))
    return join([body] + bands, "Barrel")


def make_rock(mats):
    ob = new_object("Boulder", bpy.ops.mesh.primitive_ico_sphere_add, subdivisions=5, radius=1)
    tex = bpy.data.textures.new("Boulder Noise", "CLOUDS")
    tex.noise_scale = 0.6
    disp = ob.modifiers.new("Displace", "DISPLACE")
    disp.texture = tex
    disp.strength = 0.45
    ob.scale = (1.2, 0.9, 0.7)
    bpy.ops.object.shade_smooth()
    ob.data.materials.append(prop_material(mats["Granite"]))
    return ob


def make_lamp(mats):
    parts = [
        new_object("Lamp", bpy.ops.mesh.primitive_cylinder_add, radius=0.45, depth=0.1,
                   location=(0, 0, -0.9)),
        new_object("Stem", bpy.ops.mesh.primitive_cylinder_add, radius=0.04, depth=1.4,
                   location=(0, 0, -0.15)),
        new_object("Shade", bpy.ops.mesh.primitive_cone_add, radius1=0.6, radius2=0.25,
                   depth=0.6, location=(0, 0, 0.7)),
    ]
    for part in parts:
        part.data.materials.append(prop_material(mats["Brushed Steel"]))
    parts[2].data.materials[0] = prop_material(mats["Velvet"])
    return join(parts, "Desk Lamp")


def make_table(mats):
    parts = [new_object("Table", bpy.ops.mesh.primitive_cube_add, size=1,
                        location=(0, 0, 0.45), scale=(1.6, 1.0, 0.08))]
    for x in (-0.7, 0.7):
        for y in (-0.4, 0.4):
            parts.append(new_object("Leg", bpy.ops.mesh.primitive_cube_add, size=1,
                                    location=(x, y, -0.1), scale=(0.08, 0.08, 1.0)))
    for part in parts:
        part.data.materials.append(prop_material(mats["Pine"]))
    return join(parts, "Table")


def make_chair(mats):
    parts = [new_object("Chair", bpy.ops.mesh.primitive_cube_add, size=1,
                        location=(0, 0, 0), scale=(0.8, 0.8, 0.08)),
             new_object("Back", bpy.ops.mesh.primitive_cube_add, size=1,
                        location=(0, 0.36, 0.55), scale=(0.8, 0.08, 1.0))]
    for x in (-0.34, 0.34):
        for y in (-0.34, 0.34):
            parts.append(new_object("Leg", bpy.ops.mesh.primitive_cube_add, size=1,
                                    location=(x, y, -0.45), scale=(0.07, 0.07, 0.9)))
    for part in parts:
        part.data.materials.append(prop_material(mats["Walnut"]))
    parts[0].data.materials[0] = prop_material(mats["Leather"])
    return join(parts, "Chair")


def prop_specs(mats):
    return [
        ("props", make_crate(mats), "A bevelled wooden shipping crate.",
         ["prop", "crate", "wood"], "Props/Containers"),
        ("props", make_barrel(mats), "An iron-banded walnut barrel.",
         ["prop", "barrel", "container"], "Props/Containers"),
        ("props", make_lamp(mats), "A desk lamp with a velvet shade.",
         ["prop", "lamp", "interior"], "Props/Lighting"),
        ("props", make_table(mats), "A simple pine table.", ["prop", "furniture"], None),
        ("props", make_chair(mats), "A walnut chair with a leather seat.",
         ["prop", "furniture", "chair"], "Props/Furniture"),
        ("rocks", make_rock(mats), "A displaced granite boulder.",
         ["nature", "rock", "boulder"], "Nature/Rocks"),
    ]


def framing(cam, objects, elevation, azimuth, margin=1.06):
    """Target and distance for aim_camera() at which the evaluated meshes of
    `objects` just fit the (square) frame, seen from elevation/azimuth."""
    from mathutils import Vector
    bpy.context.view_layer.update()
    depsgraph = bpy.context.evaluated_depsgraph_get()
    points = []
    for ob in objects:
        ev = ob.evaluated_get(depsgraph)
        mesh = ev.to_mesh()
        points += [ob.matrix_world @ v.co for v in mesh.vertices]
        ev.to_mesh_clear()
    el, az = math.radians(elevation), math.radians(azimuth)
    back = Vector((math.cos(el) * math.sin(-az), -math.cos(el) * math.cos(az), math.sin(el)))
    right = Vector((0, 0, 1)).cross(back).normalized()
    up = back.cross(right)
    # Centre the projected extents, then back off until every point fits.
    xs, ys = [p.dot(right) for p in points], [p.dot(up) for p in points]
    zs = [p.dot(back) for p in points]
    target = (right * (min(xs) + max(xs)) / 2 + up * (min(ys) + max(ys)) / 2
              + back * (min(zs) + max(zs)) / 2)
    tan_half = math.tan(cam.data.angle / 2) / margin
    distance = max((p - target).dot(back)
                   + max(abs((p - target).dot(right)), abs((p - target).dot(up))) / tan_half
                   for p in points)
    return tuple(target), distance


def render_object(scene, cam, ob, tmp_dir):
    for other in scene.collection.objects:
        if other.type == "MESH" and other is not ob:
            other.hide_render = True
    ob.hide_render = False
    cam.data.lens = 50
    target, distance = framing(cam, [ob], 25, -35)
    aim_camera(cam, target=target, distance=distance, elevation=25, azimuth=-35)
    render_into_preview(scene, ob, tmp_dir)
    ob.hide_render = True


# --- worlds ------------------------------------------------------------------

def sky_world(name, elevation, turbidity=2.0):
    world = bpy.data.worlds.new(name)
    world.use_nodes = True
    nodes, links = world.node_tree.nodes, world.node_tree.links
    sky = nodes.new("ShaderNodeTexSky")
    sky.sky_type = "NISHITA"
    sky.sun_elevation = math.radians(elevation)
    sky.sun_rotation = math.radians(200)
    sky.air_density = turbidity
    links.new(sky.outputs["Color"], nodes["Background"].inputs["Color"])
    # Nishita is physically bright; scaled down for the Standard view transform.
    nodes["Background"].inputs["Strength"].default_value = 0.12 if elevation > 10 else 0.5
    return world


def studio_world(name):
    world = bpy.data.worlds.new(name)
    world.use_nodes = True
    nodes, links = world.node_tree.nodes, world.node_tree.links
    coord = nodes.new("ShaderNodeTexCoord")
    grad = nodes.new("ShaderNodeTexGradient")
    sep = nodes.new("ShaderNodeSeparateXYZ")
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = (0.05, 0.05, 0.06, 1)
    ramp.color_ramp.elements[1].color = (0.9, 0.9, 0.92, 1)
    links.new(coord.outputs["Generated"], sep.inputs["Vector"])
    links.new(sep.outputs["Z"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], nodes["Background"].inputs["Color"])
    del grad
    return world


def world_specs():
    return [
        (sky_world("Clear Sky", 45), "A clear midday sky (Nishita).", ["sky", "day", "hdri"],
         "Worlds/Sky"),
        (sky_world("Sunset", 2.5, 3.0), "A low warm sun just above the horizon.",
         ["sky", "sunset", "evening"], "Worlds/Sky"),
        (studio_world("Studio Gradient"), "A soft grey studio backdrop.",
         ["studio", "neutral"], "Worlds/Studio"),
    ]


def render_world(scene, cam, stage, world, tmp_dir, chrome):
    previous = scene.world
    scene.world = world
    scene.render.film_transparent = False
    bpy.ops.mesh.primitive_uv_sphere_add(segments=64, ring_count=32, radius=1)
    sphere = bpy.context.active_object
    bpy.ops.object.shade_smooth()
    sphere.data.materials.append(chrome)
    stage.objects.append(sphere)
    aim_camera(cam, distance=3.6, elevation=5, lens=35)
    render_into_preview(scene, world, tmp_dir)
    stage.clear()
    bpy.data.meshes.remove(sphere.data)
    scene.world = previous
    scene.render.film_transparent = True


# --- node groups -------------------------------------------------------------

def scatter_group():
    group = bpy.data.node_groups.new("Scatter on Surface", "GeometryNodeTree")
    group.inputs.new("NodeSocketGeometry", "Geometry")
    group.inputs.new("NodeSocketFloat", "Density").default_value = 40
    group.outputs.new("NodeSocketGeometry", "Geometry")
    nodes, links = group.nodes, group.links
    inp = nodes.new("NodeGroupInput")
    out = nodes.new("NodeGroupOutput")
    dist = nodes.new("GeometryNodeDistributePointsOnFaces")
    inst = nodes.new("GeometryNodeInstanceOnPoints")
    ico = nodes.new("GeometryNodeMeshIcoSphere")
    ico.inputs["Radius"].default_value = 0.08
    join_node = nodes.new("GeometryNodeJoinGeometry")
    links.new(inp.outputs["Geometry"], dist.inputs["Mesh"])
    links.new(inp.outputs["Density"], dist.inputs["Density"])
    links.new(dist.outputs["Points"], inst.inputs["Points"])
    links.new(ico.outputs["Mesh"], inst.inputs["Instance"])
    links.new(inp.outputs["Geometry"], join_node.inputs["Geometry"])
    links.new(inst.outputs["Instances"], join_node.inputs["Geometry"])
    links.new(join_node.outputs["Geometry"], out.inputs["Geometry"])
    return group


def random_rotation_group():
    group = bpy.data.node_groups.new("Random Rotation", "GeometryNodeTree")
    group.inputs.new("NodeSocketGeometry", "Instances")
    group.outputs.new("NodeSocketGeometry", "Instances")
    nodes, links = group.nodes, group.links
    inp = nodes.new("NodeGroupInput")
    out = nodes.new("NodeGroupOutput")
    grid = nodes.new("GeometryNodeMeshGrid")
    grid.inputs["Vertices X"].default_value = 4
    grid.inputs["Vertices Y"].default_value = 4
    cube = nodes.new("GeometryNodeMeshCube")
    cube.inputs["Size"].default_value = (0.35, 0.35, 0.35)
    inst = nodes.new("GeometryNodeInstanceOnPoints")
    rand = nodes.new("FunctionNodeRandomValue")
    rand.data_type = "FLOAT_VECTOR"
    rand.inputs["Max"].default_value = (3.14, 3.14, 3.14)
    rot = nodes.new("GeometryNodeRotateInstances")
    join_node = nodes.new("GeometryNodeJoinGeometry")
    links.new(grid.outputs["Mesh"], inst.inputs["Points"])
    links.new(cube.outputs["Mesh"], inst.inputs["Instance"])
    links.new(inst.outputs["Instances"], rot.inputs["Instances"])
    links.new(rand.outputs["Value"], rot.inputs["Rotation"])
    links.new(inp.outputs["Instances"], join_node.inputs["Geometry"])
    links.new(rot.outputs["Instances"], join_node.inputs["Geometry"])
    links.new(join_node.outputs["Geometry"], out.inputs["Instances"])
    return group


def fresnel_tint_group():
    group = bpy.data.node_groups.new("Fresnel Tint", "ShaderNodeTree")
    group.inputs.new("NodeSocketColor", "Base").default_value = (0.1, 0.3, 0.8, 1)
    group.inputs.new("NodeSocketColor", "Edge").default_value = (0.9, 0.95, 1.0, 1)
    group.outputs.new("NodeSocketColor", "Color")
    nodes, links = group.nodes, group.links
    inp = nodes.new("NodeGroupInput")
    out = nodes.new("NodeGroupOutput")
    fresnel = nodes.new("ShaderNodeFresnel")
    mix = nodes.new("ShaderNodeMixRGB")
    links.new(fresnel.outputs["Fac"], mix.inputs["Fac"])
    links.new(inp.outputs["Base"], mix.inputs["Color1"])
    links.new(inp.outputs["Edge"], mix.inputs["Color2"])
    links.new(mix.outputs["Color"], out.inputs["Color"])
    return group


def render_geometry_group(scene, cam, stage, group, tmp_dir, mats, plane_size):
    bpy.ops.mesh.primitive_plane_add(size=plane_size)
    plane = bpy.context.active_object
    plane.data.materials.append(prop_material(mats["Slate"]))
    mod = plane.modifiers.new("Nodes", "NODES")
    mod.node_group = group
    stage.objects.append(plane)
    aim_camera(cam, distance=4.5, elevation=40)
    render_into_preview(scene, group, tmp_dir)
    stage.clear()


def render_shader_group(scene, cam, stage, group, tmp_dir):
    mat = bpy.data.materials.new("Fresnel Preview")
    nodes, links, bsdf = principled(mat)
    node = nodes.new("ShaderNodeGroup")
    node.node_tree = group
    links.new(node.outputs["Color"], bsdf.inputs["Base Color"])
    bsdf.inputs["Roughness"].default_value = 0.3
    render_material(scene, cam, stage, mat, tmp_dir, target=group)
    bpy.data.materials.remove(mat)


# --- pose actions ------------------------------------------------------------

def make_rig(mats):
    arm_data = bpy.data.armatures.new("Arm Rig")
    rig = bpy.data.objects.new("Arm Rig", arm_data)
    bpy.context.scene.collection.objects.link(rig)
    bpy.context.view_layer.objects.active = rig
    bpy.ops.object.mode_set(mode="EDIT")
    bones = []
    head = (0, 0, -1.2)
    for i, name in enumerate(("Upper", "Lower", "Hand")):
        bone = arm_data.edit_bones.new(name)
        bone.head = head
        bone.tail = (0, 0, head[2] + 0.8)
        if bones:
            bone.parent = bones[-1]
            bone.use_connect = True
        bones.append(bone)
        head = bone.tail
    bpy.ops.object.mode_set(mode="OBJECT")

    segments = []
    for name, radius in (("Upper", 0.2), ("Lower", 0.16), ("Hand", 0.13)):
        seg = new_object(name + " Segment", bpy.ops.mesh.primitive_cylinder_add, radius=radius,
                         depth=0.78)
        bpy.ops.object.shade_smooth()
        seg.data.materials.append(prop_material(mats["Copper"]))
        seg.parent = rig
        seg.parent_type = "BONE"
        seg.parent_bone = name
        # Bone space: Y runs along the bone and the origin is at its tail.
        seg.rotation_euler = (math.radians(90), 0, 0)
        seg.location = (0, -0.4, 0)
        segments.append(seg)
    base = new_object("Rig Base", bpy.ops.mesh.primitive_cylinder_add, radius=0.5, depth=0.12,
                      location=(0, 0, -1.26))
    base.data.materials.append(prop_material(mats["Slate"]))
    segments.append(base)
    return rig, segments


def pose_action(rig, name, angles):
    action = bpy.data.actions.new(name)
    rig.animation_data_create()
    rig.animation_data.action = action
    for bone_name, angle in angles.items():
        pb = rig.pose.bones[bone_name]
        pb.rotation_mode = "XYZ"
        # A bone's Y axis runs along it: bending is about X.
        pb.rotation_euler = (math.radians(angle), 0, 0)
        pb.keyframe_insert("rotation_euler", frame=1, group=bone_name)
    return action


def render_pose(scene, cam, rig, action, tmp_dir, segments):
    rig.animation_data.action = action
    scene.frame_set(1)
    cam.data.lens = 50
    target, distance = framing(cam, segments, 12, -80)
    aim_camera(cam, target=target, distance=distance, elevation=12, azimuth=-80)
    render_into_preview(scene, action, tmp_dir)


# --- writing -----------------------------------------------------------------

def write_file(out_dir, relative, datablocks):
    path = os.path.join(out_dir, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    bpy.data.libraries.write(path, set(datablocks), path_remap="NONE", fake_user=True,
                             compress=True)
    print(f"wrote {relative}: {len(datablocks)} assets")


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        sys.exit("usage: blender -b --factory-startup --python make-demo-library.py -- OUT_DIR")
    out_dir = os.path.abspath(argv[0])
    os.makedirs(out_dir, exist_ok=True)

    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene, cam = setup_studio()
    stage = Stage(scene)
    groups = {}

    with tempfile.TemporaryDirectory() as tmp_dir:
        specs = material_specs()
        mats = {}
        for group, mat, description, tags, path, uuid in specs:
            render_material(scene, cam, stage, mat, tmp_dir)
            mark(mat, description, tags, path, uuid)
            mats[mat.name] = mat
            groups.setdefault("materials/" + group + ".blend", []).append(mat)

        for group, ob, description, tags, path in prop_specs(mats):
            render_object(scene, cam, ob, tmp_dir)
            mark(ob, description, tags, path)
            name = "props/props.blend" if group == "props" else "props/nature/rocks.blend"
            groups.setdefault(name, []).append(ob)
        for ob in list(scene.collection.objects):
            if ob.type == "MESH":
                ob.hide_render = True

        chrome = metal("Chrome", (0.9, 0.9, 0.9), 0.02)
        for world, description, tags, path in world_specs():
            render_world(scene, cam, stage, world, tmp_dir, chrome)
            mark(world, description, tags, path)
            groups.setdefault("worlds/skies.blend", []).append(world)

        for group, description, tags, size in (
                (scatter_group(), "Scatters small pebbles over any surface.",
                 ["geometry nodes", "scatter"], 3.0),
                (random_rotation_group(), "Instances cubes on a grid with random rotations.",
                 ["geometry nodes", "instances"], 0.5)):
            render_geometry_group(scene, cam, stage, group, tmp_dir, mats, size)
            mark(group, description, tags, "Nodes/Geometry")
            groups.setdefault("nodes/node-groups.blend", []).append(group)
        fresnel = fresnel_tint_group()
        render_shader_group(scene, cam, stage, fresnel, tmp_dir)
        mark(fresnel, "Tints a colour towards another at grazing angles.",
             ["shader", "fresnel"], "Nodes/Shading")
        groups["nodes/node-groups.blend"].append(fresnel)

        rig, segments = make_rig(mats)
        for name, angles, description in (
                ("Rest", {"Upper": 0, "Lower": 0, "Hand": 0}, "The arm straight up, at rest."),
                ("Wave", {"Upper": 25, "Lower": 45, "Hand": 30}, "The arm bent in a wave."),
                ("Reach", {"Upper": -60, "Lower": -20, "Hand": -10}, "The arm reaching out.")):
            action = pose_action(rig, name, angles)
            render_pose(scene, cam, rig, action, tmp_dir, segments)
            mark(action, description, ["pose", "arm"], "Animation/Poses")
            groups.setdefault("animation/poses.blend", []).append(action)

    for relative, datablocks in sorted(groups.items()):
        write_file(out_dir, relative, datablocks)
    write_catalogs(out_dir)


main()
