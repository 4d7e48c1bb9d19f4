import type { ThemeConfig } from 'antd';

/** KPU-style look: deep red as the primary colour, calm neutrals; no official emblem is shipped. */
export const BRAND = '#8b1a1a';

export const theme: ThemeConfig = {
  cssVar: { key: 'naskah' },
  hashed: false,
  token: {
    colorPrimary: BRAND,
    colorLink: '#7a1616',
    borderRadius: 6,
    // antd's greys (45 % black) fail WCAG AA contrast on white: darker ones (4.5:1 or more)
    colorTextSecondary: '#595959',
    colorTextDescription: '#595959',
    colorTextTertiary: '#636363',
    colorTextQuaternary: '#767676',
    colorError: '#c62828', // antd's #ff4d4f text on white is 3.9:1
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { itemSelectedBg: '#f7e9e9', itemSelectedColor: BRAND },
  },
};
